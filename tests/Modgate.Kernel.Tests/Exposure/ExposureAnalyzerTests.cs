using Modgate.Policy;

namespace Modgate.Kernel.Tests;

/// <summary>The exposure analysis on a synthetic tree: every outcome modprobe can have, dependencies, CVEs, verdicts.</summary>
public sealed class ExposureAnalyzerTests : IDisposable
{
    private readonly SyntheticTree _t = new();

    public ExposureAnalyzerTests()
    {
        _t.With("modules.dep", """
            kernel/net/appletalk/appletalk.ko: kernel/net/llc/psnap.ko kernel/net/llc/llc.ko
            kernel/net/llc/psnap.ko: kernel/net/llc/llc.ko
            kernel/net/llc/llc.ko:
            kernel/drivers/tty/n_hdlc.ko:
            kernel/net/can/can-bcm.ko: kernel/net/can/can.ko
            kernel/net/can/can.ko:
            kernel/fs/hfs/hfs.ko:
            kernel/lib/crc32c.ko:
            kernel/net/rds/rds.ko:
            """)
          .With("modules.alias", "alias net-pf-5 appletalk\nalias tty-ldisc-13 n_hdlc\nalias can-proto-2 can_bcm\nalias net-pf-29 can\nalias fs-hfs hfs\n")
          .With("modules.builtin", "kernel/fs/ext4/ext4.ko\n")
          .With("modules.builtin.modinfo", "ext4.alias=fs-ext4\0")
          .With("modules.softdep", "softdep hfs pre: crc32c\n")
          .WithConfig("local.conf", "blacklist can-bcm\ninstall n_hdlc /bin/false\n");
    }

    public void Dispose() => _t.Dispose();

    private static readonly KernelCve[] Cves =
    [
        new("CVE-2024-1", "appletalk", new DateOnly(2024, 3, 1), "6.8", "appletalk: fix", false),
        new("CVE-2025-2", "llc", new DateOnly(2025, 1, 1), "6.13", "llc: fix", false),
        new("CVE-2024-3", "crc32c", null, "", "crc32c", false),
        new("CVE-2010-3904", "rds", null, "", "rds", true),
    ];

    private IReadOnlyList<ExposureRow> Analyze(CompiledPolicy? policy = null)
    {
        var bundled = ExposureFacts.Bundled();
        var facts = bundled with { Cves = new CveDatabase(Cves), DisabledAliases = [new DisabledAlias("net-pf-21", "rds", "net/rds/af_rds.c:1010", "")], NotableRequests = [] };
        return ExposureAnalyzer.Analyze(new AliasResolver(_t.Load()), facts, policy);
    }

    private static ExposureRow Row(IReadOnlyList<ExposureRow> rows, string request) => rows.Single(r => r.Request == request);

    [Fact]
    public void A_request_loads_its_module_after_its_dependencies_with_their_cves()
    {
        var row = Row(Analyze(), "net-pf-5");
        Assert.Equal(ExposureOutcome.Loads, row.Outcome);
        Assert.Equal("appletalk", row.Loads[^1]);
        Assert.Equal(["llc", "psnap"], row.Loads.SkipLast(1).Order());
        Assert.Equal(["CVE-2025-2", "CVE-2024-1"], row.Cves.Select(c => c.Id));
        Assert.Equal("socket(AF_APPLETALK, …)", row.Trigger);
        Assert.True(row.Open && row.ReachableUnprivileged);
    }

    [Fact]
    public void Soft_dependencies_are_loaded_too()
    {
        var row = Row(Analyze(), "fs-hfs");
        Assert.Equal(["crc32c", "hfs"], row.Loads);
        Assert.Equal(["CVE-2024-3"], row.Cves.Select(c => c.Id));
        Assert.Equal(PrivilegeNeeded.UserNamespace, row.Family.Privilege);
    }

    [Fact]
    public void Modprobe_d_blacklist_stops_an_alias_and_install_false_stops_any_request()
    {
        var rows = Analyze();
        var bcm = Row(rows, "can-proto-2");
        Assert.Equal(ExposureOutcome.BlockedByModprobeConfig, bcm.Outcome);
        Assert.Equal($"blacklist can_bcm at {_t.ConfigDirectory}/local.conf:1", bcm.ModprobeBlock);
        var hdlc = Row(rows, "tty-ldisc-13");
        Assert.Equal(ExposureOutcome.BlockedByModprobeConfig, hdlc.Outcome);
        Assert.Equal($"install n_hdlc /bin/false at {_t.ConfigDirectory}/local.conf:2", hdlc.ModprobeBlock);
        Assert.False(hdlc.Open);
    }

    [Fact]
    public void Built_in_and_disabled_requests_load_nothing()
    {
        var rows = Analyze();
        Assert.Equal(ExposureOutcome.BuiltinOnly, Row(rows, "fs-ext4").Outcome);
        var rds = Row(rows, "net-pf-21");
        Assert.Equal((ExposureOutcome.NoModule, "rds"), (rds.Outcome, rds.Disabled!.Module));
        Assert.Empty(rds.Loads);
        Assert.Equal(["CVE-2010-3904"], rds.Cves.Select(c => c.Id));
        // An address family nothing answers and nobody disabled is not a row.
        Assert.DoesNotContain(rows, r => r.Request == "net-pf-4");
    }

    [Fact]
    public void A_policy_decides_for_an_unprivileged_caller()
    {
        var rows = Analyze(PolicyText.Compile("version 1\ndeny module=appletalk\n"));
        var atalk = Row(rows, "net-pf-5");
        Assert.Equal((Verdict.Deny, DecisionLayer.Rule, 2), (atalk.Decision!.Verdict, atalk.Decision.Layer, atalk.Decision.Source!.Value.Line));
        Assert.False(atalk.Open);
        Assert.True(Row(rows, "fs-hfs").Open);
        // Riskiest first: the open unprivileged rows come before the blocked ones.
        Assert.True(rows.ToList().IndexOf(Row(rows, "net-pf-29")) < rows.ToList().IndexOf(atalk));
    }
}
