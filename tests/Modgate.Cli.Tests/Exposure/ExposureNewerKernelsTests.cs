using System.Text.Json;

namespace Modgate.Cli.Tests;

/// <summary>
/// `modgate exposure` on Debian 13's 6.12 tree and the newest trixie-backports tree (every module .ko.xz): each is
/// judged by the request families its kernel makes (net-sch-* from 6.12 instead of sch_*, no binfmt-* or vport-type-*
/// in 7.x), and the rows the issue names are there.
/// </summary>
public sealed class ExposureNewerKernelsTests
{
    private static JsonElement Exposure(string series)
    {
        var result = CliRunner.Run("exposure", "--kernel-tree", DebianRelease.Get(series).ModuleDirectory, "--json", "--all");
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private static List<string> Requests(JsonElement root) =>
        root.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("request").GetString()!).ToList();

    private static JsonElement Row(JsonElement root, string request) =>
        root.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("request").GetString() == request);

    [Theory]
    [InlineData("6.12")]
    [InlineData("newest")]
    public void A_newer_tree_lists_the_requests_its_kernel_makes(string series)
    {
        var root = Exposure(series);
        var requests = Requests(root);
        var htb = Row(root, "net-sch-htb");
        Assert.Equal(("userns", "loads"), (htb.GetProperty("privilege").GetString(), htb.GetProperty("outcome").GetString()));
        Assert.Contains("sch_htb", htb.GetProperty("loads").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("net-cls-u32", requests);
        Assert.Contains("net-act-gact", requests);
        // The 6.1 request strings are no requests of these kernels.
        Assert.DoesNotContain(requests, r => r.StartsWith("sch_", StringComparison.Ordinal) || r.StartsWith("cls_", StringComparison.Ordinal));
        Assert.DoesNotContain("binfmt-misc", requests);
        // (7.3 ships no appletalk: net-pf-5 loads nothing there.)
        foreach (var (request, module) in new[] { ("tty-ldisc-13", "n_hdlc"), ("can-proto-2", "can_bcm"), ("fs-hfs", "hfs"), ("algif-hash", "algif_hash") })
        {
            var row = Row(root, request);
            Assert.Contains(module, row.GetProperty("loads").EnumerateArray().Select(e => e.GetString()));
            Assert.True(row.GetProperty("open").GetBoolean());
        }
        Assert.True(root.GetProperty("summary").GetProperty("reachableModules").GetInt32() > 400);
        if (series == "6.12") Assert.Contains("appletalk", Row(root, "net-pf-5").GetProperty("loads").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void The_newest_tree_has_no_binfmt_or_vport_requests_and_6_12_still_has_vport()
    {
        Assert.DoesNotContain(Requests(Exposure("newest")), r => r.StartsWith("vport-type-", StringComparison.Ordinal));
        Assert.Contains("vport-type-4", Requests(Exposure("6.12")));
    }
}
