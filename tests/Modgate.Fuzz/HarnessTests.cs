using Xunit;

namespace Modgate.Fuzz;

/// <summary>The harness itself: it must report each kind of failure it promises to catch, with the input.</summary>
public sealed class HarnessTests
{
    private static readonly byte[][] Seeds = ["hello world\n"u8.ToArray(), "alias a b\n"u8.ToArray()];

    /// <summary>Fails on inputs holding a given byte, which mutations of the seeds soon produce.</summary>
    private sealed class Planted(Action<byte[]> onTrigger) : FuzzTarget
    {
        public override string Name => "planted";

        public override IReadOnlyList<byte[]> Seeds(SeedFiles files) => HarnessTests.Seeds;

        protected override string Execute(byte[] input)
        {
            if (input.Contains((byte)'#')) onTrigger(input);
            return input.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static FuzzReport RunPlanted(Action<byte[]> onTrigger, TimeSpan? slow = null, TimeSpan? hang = null) =>
        new MutationFuzzer(new Planted(onTrigger), Seeds, seed: 7)
        {
            SlowLimit = slow ?? TimeSpan.FromSeconds(1),
            HangLimit = hang ?? TimeSpan.FromSeconds(60),
        }.Run(20_000);

    [Fact]
    public void An_undocumented_exception_is_a_crash_with_its_input()
    {
        var report = RunPlanted(_ => throw new IndexOutOfRangeException("planted"));
        var failure = Assert.Single(report.Failures);
        Assert.Equal("crash", failure.Kind);
        Assert.StartsWith("System.IndexOutOfRangeException: planted", failure.Message);
        Assert.Contains((byte)'#', failure.Input);
    }

    [Fact]
    public void Allocation_beyond_the_limit_is_a_failure()
    {
        var allocated = 0;
        var report = RunPlanted(_ =>
        {
            if (Interlocked.Exchange(ref allocated, 1) == 0) GC.KeepAlive(new byte[16 << 20]);
        });
        var failure = Assert.Single(report.Failures);
        Assert.Equal("bound", failure.Kind);
        Assert.Contains("bytes allocated for an input of", failure.Message);
    }

    [Fact]
    public void An_input_that_burns_cpu_is_slow()
    {
        var burnt = 0;
        var report = RunPlanted(_ =>
        {
            // Once: every later trigger returns at once, so the run stays short.
            if (Interlocked.Exchange(ref burnt, 1) == 1) return;
            var cpu = ThreadCpuClock.Now();
            while (ThreadCpuClock.Now() - cpu < TimeSpan.FromMilliseconds(300)) { }
        }, slow: TimeSpan.FromMilliseconds(100));
        var failure = Assert.Single(report.Failures);
        Assert.Equal("slow", failure.Kind);
        Assert.Contains((byte)'#', failure.Input);
    }

    [Fact]
    public void An_input_that_never_returns_is_a_hang_and_the_run_stops()
    {
        var report = RunPlanted(_ => Thread.Sleep(Timeout.Infinite), hang: TimeSpan.FromMilliseconds(500));
        Assert.True(report.Hung);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("hang", failure.Kind);
        Assert.Contains((byte)'#', failure.Input);
    }

    [Fact]
    public void Without_a_trigger_there_is_no_failure_and_the_run_is_reproducible()
    {
        var first = new MutationFuzzer(new Planted(_ => { }), Seeds, seed: 3).Run(5_000);
        var second = new MutationFuzzer(new Planted(_ => { }), Seeds, seed: 3).Run(5_000);
        Assert.Empty(first.Failures);
        Assert.Equal(5_000, first.Inputs);
        Assert.Equal(first.Outcomes, second.Outcomes);
    }
}
