using Xunit.Abstractions;

namespace Modgate.Kernel.Tests;

/// <summary>
/// AliasResolver and `exposure` against the modprobe of the release that ships the tree: Debian 13's 6.12 tree and the
/// newest trixie-backports tree (all modules .ko.xz), each with trixie's kmod 34 reading the index trixie's own depmod
/// wrote (<see cref="DebianRelease"/>). Every request string of the tree and every row exposure lists (--all) must give
/// the same lines in the same order as <c>modprobe -R</c>. modprobe.d is this machine's for both (kmod's default paths).
/// </summary>
public sealed class DistributionModprobeDifferentialTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("6.12")]
    [InlineData("newest")]
    public void Every_request_and_every_exposure_row_resolves_like_the_releases_modprobe(string series)
    {
        var release = DebianRelease.Get(series);
        var tree = ModuleTree.Load(release.ModuleDirectory);
        Assert.DoesNotContain(tree.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.All(tree.Modules.Take(50), m => Assert.EndsWith(".ko.xz", m.RelativePath));
        var resolver = new AliasResolver(tree);
        var rows = ExposureAnalyzer.Analyze(resolver, ExposureFacts.Bundled(), null);
        var requests = DifferentialRequests.Build(tree).Concat(rows.Select(r => r.Request)).Distinct().ToList();
        var expected = ModprobeOracle.ResolveAll(release.IndexRoot, release.Version, null, requests, release.Modprobe);

        var differences = ModprobeOracle.Differences(resolver, requests, expected, out var found);
        var rowDifferences = rows.Where(r => !r.Resolution.Names.SequenceEqual(expected[r.Request]))
            .Select(r => $"row {r.Request}: modprobe [{string.Join(' ', expected[r.Request])}] exposure [{string.Join(' ', r.Resolution.Names)}]").ToList();
        output.WriteLine($"{series} ({release.Version}, {release.Modprobe.Description}): {requests.Count} request strings " +
                         $"({found} resolving to a module), {rows.Count} exposure rows: {differences.Count} differences, {rowDifferences.Count} in rows");
        foreach (var d in differences.Concat(rowDifferences).Take(40)) output.WriteLine(d);
        Assert.True(requests.Count >= 60_000, $"only {requests.Count} requests generated");
        Assert.True(found > 1000, $"only {found} requests resolved: the comparison is not exercising the tree");
        Assert.True(rows.Count(r => r.Outcome == ExposureOutcome.Loads) > 500, $"only {rows.Count} exposure rows");
        Assert.Empty(differences);
        Assert.Empty(rowDifferences);
    }

    [Theory]
    [InlineData("6.12")]
    [InlineData("newest")]
    public void Batched_modprobe_of_the_release_answers_like_one_modprobe_per_request(string series)
    {
        var release = DebianRelease.Get(series);
        var tree = ModuleTree.Load(release.ModuleDirectory);
        var sample = DifferentialRequests.Build(tree).Where((_, i) => i % 997 == 0).Take(80).Append("net-sch-htb").Append("no-such-request").ToList();
        var batched = ModprobeOracle.ResolveAll(release.IndexRoot, release.Version, null, sample, release.Modprobe);
        foreach (var request in sample)
            Assert.Equal(ModprobeOracle.ResolveOne(release.IndexRoot, release.Version, null, request, release.Modprobe), batched[request]);
        Assert.Equal(["sch_htb"], batched["net-sch-htb"]);
    }
}
