using System.Text.Json;

namespace Modgate.Cli.Tests;

/// <summary>
/// The shipped example policies through `modgate simulate --json`: the verdict and the rule that decided.
/// Module resolution is given with --module so the table does not depend on a kernel tree.
/// </summary>
public class DecisionTableTests
{
    public static TheoryData<string, string[], string, string, string?> Table => new()
    {
        // ModAutoRestrict: uid 1000 may not make the kernel load appletalk; root may.
        { "modautorestrict.conf", ["autoload", "net-pf-5", "--module", "appletalk", "--uid", "1000"], "deny", "global-mode", "examples/modautorestrict.conf:8" },
        { "modautorestrict.conf", ["autoload", "net-pf-5", "--module", "appletalk", "--cap", "CAP_SYS_MODULE"], "allow", "default", null },
        { "modautorestrict.conf", ["autoload", "tty-ldisc-13", "--module", "n_hdlc", "--uid", "1000"], "deny", "global-mode", "examples/modautorestrict.conf:8" },
        // ... but CAP_NET_ADMIN may autoload netdev-* through the grant.
        { "modautorestrict.conf", ["autoload", "netdev-eth0", "--uid", "1000", "--cap", "CAP_NET_ADMIN"], "allow", "default", null },
        { "modautorestrict.conf", ["autoload", "net-pf-5", "--module", "appletalk", "--uid", "1000", "--cap", "CAP_NET_ADMIN"], "deny", "global-mode", "examples/modautorestrict.conf:8" },
        // Per-process `off` denies even a root caller with every capability.
        { "modautorestrict.conf", ["autoload", "tty-ldisc-13", "--module", "n_hdlc", "--cap", "all", "--process-mode", "off"], "deny", "process-mode", null },
        // Timgad: nothing loads or unloads, root included.
        { "timgad.conf", ["load", "ext4", "--cap", "all"], "deny", "global-mode", "examples/timgad.conf:7" },
        { "timgad.conf", ["unload", "ext4", "--cap", "all"], "deny", "global-mode", "examples/timgad.conf:8" },
        { "timgad.conf", ["autoload", "fs-ext4", "--module", "ext4", "--cap", "all"], "deny", "global-mode", "examples/timgad.conf:6" },
        // Loadpol allowlist: listed modules load, others hit `default deny`; netfilter only explicitly.
        { "loadpol-allowlist.conf", ["load", "ext4"], "allow", "rule", "examples/loadpol-allowlist.conf:6" },
        { "loadpol-allowlist.conf", ["load", "appletalk"], "deny", "default", "examples/loadpol-allowlist.conf:14" },
        { "loadpol-allowlist.conf", ["load", "nf_tables", "--origin", "explicit"], "allow", "rule", "examples/loadpol-allowlist.conf:11" },
        { "loadpol-allowlist.conf", ["load", "nf_tables", "--origin", "autoload"], "deny", "default", "examples/loadpol-allowlist.conf:14" },
        { "loadpol-allowlist.conf", ["autoload", "nft-chain-2-nat", "--module", "nft_chain_nat"], "deny", "default", "examples/loadpol-allowlist.conf:14" },
        // Desktop: the `audit` rule logs and passes through to the next layer (here: the default).
        { "desktop.conf", ["autoload", "net-pf-31-proto-2", "--module", "bluetooth", "--uid", "1000"], "allow", "default", null },
        { "desktop.conf", ["autoload", "net-pf-5", "--module", "appletalk", "--uid", "1000"], "deny", "global-mode", "examples/desktop.conf:6" },
        // Server: the deny rules hold even for root; dm_crypt stays loaded.
        { "server.conf", ["autoload", "tty-ldisc-13", "--module", "n_hdlc", "--cap", "all"], "deny", "rule", "examples/server.conf:11" },
        { "server.conf", ["load", "sctp", "--cap", "all"], "deny", "rule", "examples/server.conf:11" },
        { "server.conf", ["autoload", "tty-ldisc-15", "--cap", "all"], "deny", "rule", "examples/server.conf:12" },
        { "server.conf", ["unload", "dm-crypt", "--cap", "all"], "deny", "rule", "examples/server.conf:15" },
        { "server.conf", ["unload", "ext4", "--cap", "all"], "allow", "default", "examples/server.conf:17" },
        // Container host: container cgroups are denied before the allow rule; the host's root may load overlay.
        { "container-host.conf", ["load", "overlay", "--cgroup", "/kubepods.slice/pod1/c1"], "deny", "rule", "examples/container-host.conf:9" },
        { "container-host.conf", ["load", "overlay", "--cgroup", "/system.slice/containerd.service"], "allow", "rule", "examples/container-host.conf:12" },
        { "container-host.conf", ["load", "overlay", "--uid", "1000"], "allow", "default", "examples/container-host.conf:15" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Example_policy_decides_as_documented(string policy, string[] request, string decision, string layer, string? rule)
    {
        var result = CliRunner.Run(["simulate", .. request, "--policy", $"examples/{policy}", "--json"]);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        Assert.Equal((decision, layer, rule),
            (root.GetProperty("decision").GetString(), root.GetProperty("layer").GetString(), root.GetProperty("rule").GetString()));
    }

    [Theory]
    [InlineData("modautorestrict.conf", "examples/modautorestrict.conf:12")]   // the policy's own grant comes first
    [InlineData("server.conf", "built-in")]                                     // no grant written: the built-in one
    public void Cap_net_admin_autoloads_netdev_through_the_grant(string policy, string grant)
    {
        var result = CliRunner.Run("simulate", "autoload", "netdev-eth0", "--module", "e1000", "--uid", "1000", "--cap", "CAP_NET_ADMIN",
            "--policy", $"examples/{policy}", "--json");
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(("allow", grant), (json.RootElement.GetProperty("decision").GetString(), json.RootElement.GetProperty("grant").GetString()));
    }

    [Fact]
    public void Unknown_option_is_a_usage_error_with_exit_2()
    {
        var result = CliRunner.Run("simulate", "load", "ext4", "--frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("modgate: Unrecognized command or argument '--frobnicate'.", result.Stderr);
    }

    [Fact]
    public void Audit_rule_is_reported_and_passes_through()
    {
        var result = CliRunner.Run("simulate", "autoload", "net-pf-31", "--module", "bluetooth", "--uid", "1000",
            "--policy", "examples/desktop.conf", "--json");
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["examples/desktop.conf:14"], json.RootElement.GetProperty("audits").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("allow", json.RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public void Human_output_names_the_layer_and_the_line()
    {
        var result = CliRunner.Run("simulate", "autoload", "net-pf-5", "--module", "appletalk", "--uid", "1000",
            "--policy", "examples/modautorestrict.conf", "--wide");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            deny
              request: autoload net-pf-5 -> appletalk
              caller:  uid 1000, capabilities none, cgroup /, process mode classic
              decided: global mode 'autoload privileged' at examples/modautorestrict.conf:8: needs CAP_SYS_MODULE or a matching grant

            """, result.Stdout);
    }
}
