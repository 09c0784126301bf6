using Xunit;

namespace Modgate.Fuzz;

/// <summary>
/// The short run that `./scripts/test.sh` counts: every target for a bounded number of seeded mutations (the same
/// engine and checks as `scripts/fuzz.sh`), a few seconds each. A failure names the saved input; replay it with
/// `scripts/fuzz.sh --replay TARGET FILE`. The long, coverage-guided run and its figures are in docs/security.md.
/// </summary>
public sealed class ShortRunTests(ShortRunTests.Seeds seeds)
    : IClassFixture<ShortRunTests.Seeds>
{
    /// <summary>Inputs per target: at most this many, at least the minimum, and no more once the time is up (the cores are shared).</summary>
    private const int Inputs = 20_000;
    private const int MinimumInputs = 1_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2.5);

    public sealed class Seeds : IDisposable
    {
        internal SeedFiles Files { get; } = new();

        public void Dispose() => Files.Dispose();
    }

    public static TheoryData<string> Targets => [.. AllTargets.List.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Target_survives_seeded_mutations(string name)
    {
        var target = AllTargets.Named(name);
        var report = new MutationFuzzer(target, target.Seeds(seeds.Files), seed: 20251) { MinimumInputs = MinimumInputs }.Run(Inputs, Budget);
        var saved = report.Failures.Select(f => $"{f.Kind}: {f.Message}\n  input: {FailureStore.Save(FailureStore.DefaultDirectory, name, f)}");
        Assert.True(report.Failures.Count == 0, $"{report}\n{string.Join("\n", saved)}");
        // A run that stopped at once (seeds missing, every input refused the same way) would prove nothing.
        Assert.True(report.Inputs >= MinimumInputs, report.ToString());
        Assert.True(report.Outcomes >= 2, report.ToString());
    }
}
