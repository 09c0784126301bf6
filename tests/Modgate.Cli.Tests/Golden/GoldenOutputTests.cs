
namespace Modgate.Cli.Tests.Golden;

/// <summary>
/// What a person sees at 80, 120 and 200 columns, what a pipe gets (80 columns, as a terminal that does not say its
/// width) and what a pipe gets with --wide (every column and line whole), compared byte for byte with the files in
/// Golden/ (MODGATE_WRITE_GOLDEN=1 rewrites them after a deliberate change; review the diff). Exposure is compared
/// on its first lines (the summary and the modules with the most CVEs: the rest moves with data/), and every line of
/// the whole output is checked against the width.
/// </summary>
public sealed class GoldenOutputTests
{
    private const int ExposureLines = 16;

    public static TheoryData<string> Widths => new() { "80", "120", "200", "pipe", "wide" };

    /// <summary>A number: COLUMNS; "pipe": a pipe without COLUMNS; "wide": the same with --wide.</summary>
    internal static CliResult RunAt(string width, params string[] args) =>
        CliRunner.RunWith(new Dictionary<string, string?> { ["COLUMNS"] = int.TryParse(width, out _) ? width : null },
            width == "wide" ? [.. args, "--wide"] : args);

    [Theory]
    [MemberData(nameof(Widths))]
    public void Exposure_fits_the_width(string width)
    {
        var result = RunAt(width, "exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--policy", "examples/desktop.conf");
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        var lines = result.Stdout.Split('\n');
        AssertFits(width, lines);
        if (width == "wide") Assert.Contains(lines, l => l.Length > 200);
        // From the summary on: the title before it names the tree, whose path (and so its wrapping) differs between machines.
        AssertGolden($"exposure-{Fitted(width)}.txt", string.Join('\n', lines.SkipWhile(l => l.Length == 0 || !char.IsAsciiDigit(l[0])).Take(ExposureLines)));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Exposure_requests_fits_the_width(string width)
    {
        var result = RunAt(width, "exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--requests", "--sort", "module");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        AssertFits(width, lines);
        // A module list ("openvswitch (+nf_conntrack,nf_conncount,…") is cut between names, never inside one: the name
        // before each "…" is whole in --wide's full line of the same request.
        var whole = CliRunner.Run("exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--requests", "--sort", "module", "--wide").Stdout.Split('\n')
            .Where(l => l.StartsWith("net-pf-16-proto-16-family-ovs_")).ToDictionary(l => l.Split(' ')[0], l => l);
        foreach (var line in lines.Where(l => l.StartsWith("net-pf-16-proto-16-family-ovs_")))
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(line, @"([\w-]+)…"))
                Assert.Matches($@"(^|[ ,(+]){System.Text.RegularExpressions.Regex.Escape(m.Groups[1].Value)}([ ,)]|$)", whole[line.Split(' ')[0]]);
        AssertGolden($"exposure-requests-{Fitted(width)}.txt", string.Join('\n', lines.SkipWhile(l => !l.StartsWith("REQUEST ")).Take(ExposureLines)));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Simulate_fits_the_width(string width)
    {
        var result = RunAt(width, "simulate", "autoload", "tty-ldisc-13", "--uid", "1000", "--policy", "examples/modautorestrict.conf",
            "--kernel-tree", DebianKernel.ModuleDirectory);
        Assert.Equal(0, result.ExitCode);
        AssertFits(width, result.Stdout.Split('\n'));
        if (width == "wide") Assert.Contains(result.Stdout.Split('\n'), l => l.Length > 80);
        AssertGolden($"simulate-{Fitted(width)}.txt", result.Stdout.Replace(DebianKernel.ModuleDirectory, "TREE"));
    }

    /// <summary>
    /// Every line fits the width (a pipe's is 80), except a line of one word longer than the width (a long path), which
    /// is never cut. --wide has no width to fit.
    /// </summary>
    internal static void AssertFits(string width, IEnumerable<string> lines)
    {
        if (width == "wide") return;
        var columns = width == "pipe" ? 80 : int.Parse(width);
        Assert.All(lines, l => Assert.True(l.Length <= columns || !l.Trim().Contains(' '), $"{l.Length} columns: {l}"));
    }

    /// <summary>
    /// The golden file of WIDTH's output: a pipe gets exactly what 80 columns give, so it is held to the 80 file
    /// (no copy of it to keep in step).
    /// </summary>
    internal static string Fitted(string width) => width == "pipe" ? "80" : width;

    internal static void AssertGolden(string name, string actual)
    {
        var path = Path.Combine(RepositoryRoot.Path, "tests", "Modgate.Cli.Tests", "Golden", name);
        if (Environment.GetEnvironmentVariable("MODGATE_WRITE_GOLDEN") == "1") File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"{path} is missing: run MODGATE_WRITE_GOLDEN=1 dotnet test tests/Modgate.Cli.Tests --filter Golden");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
