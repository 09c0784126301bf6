using System.Text.Json;

namespace Modgate.Cli.Tests;

/// <summary>
/// `modgate exposure` end to end on the real Debian 6.1 module tree: the rows the issue names, with the
/// CVEs the bundled dataset has for what they load (recomputed here from data/ directly), open on the
/// stock kernel and blocked under `autoload privileged`; and the failures a user can meet.
/// </summary>
public sealed class ExposureCommandTests
{
    // request → the module the row must load (possibly as a dependency), and the privilege it needs.
    public static TheoryData<string, string, string> Required => new()
    {
        { "tty-ldisc-13", "n_hdlc", "none" },
        { "net-pf-5", "appletalk", "none" },
        { "can-proto-2", "can_bcm", "none" },
        { "net-pf-35", "phonet", "none" },
        { "net-pf-15", "af_key", "none" },
        { "net-pf-2-proto-132", "sctp", "none" },
        { "net-pf-38", "af_alg", "none" },
        { "algif-hash", "algif_hash", "none" },
        // sock_diag for a protocol whose module the caller can load: requested once sctp is in.
        { "net-pf-16-proto-4-type-2-132", "sctp_diag", "none" },
        { "fs-hfs", "hfs", "userns" },
    };

    private static JsonElement Exposure(string? policy, out string summaryLine)
    {
        string[] args = ["exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--json", .. policy is null ? Array.Empty<string>() : ["--policy", policy]];
        var result = CliRunner.Run(args);
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        summaryLine = root.GetProperty("summary").GetProperty("line").GetString()!;
        return root;
    }

    private static JsonElement Row(JsonElement root, string request) =>
        root.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("request").GetString() == request);

    private static HashSet<string> DatasetCves(IEnumerable<string> modules)
    {
        var wanted = modules.ToHashSet();
        var ids = new HashSet<string>();
        foreach (var file in new[] { "kernel-cve-modules.tsv", "notable-autoload-cves.tsv" })
            foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot.Path, "data", file)).Skip(1))
            {
                var f = line.Split('\t');
                if (wanted.Contains(f[1])) ids.Add(f[0]);
            }
        return ids;
    }

    [Theory]
    [MemberData(nameof(Required))]
    public void Stock_kernel_lists_the_request_as_open_with_the_dataset_cves(string request, string module, string privilege)
    {
        var root = Exposure(null, out _);
        if (root.GetProperty("policy").GetProperty("kind").GetString() != "stock")
            Assert.Fail("this machine has a modgate policy in /run/modgate or /etc/modgate; the stock test needs neither");
        var row = Row(root, request);
        var loads = row.GetProperty("loads").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(module, loads);
        Assert.Equal(privilege, row.GetProperty("privilege").GetString());
        Assert.Equal(("loads", true, "open"), (row.GetProperty("outcome").GetString(), row.GetProperty("open").GetBoolean(), row.GetProperty("verdict").GetString()));
        var cves = row.GetProperty("cves").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToHashSet();
        Assert.Equal(DatasetCves(loads), cves);
        Assert.Equal(cves.Count, row.GetProperty("cveCount").GetInt32());
    }

    [Fact]
    public void Rds_request_reaches_modprobe_but_loads_nothing_on_debian()
    {
        var row = Row(Exposure(null, out _), "net-pf-21");
        Assert.Equal(("none", "no-module", "rds", false), (row.GetProperty("privilege").GetString(), row.GetProperty("outcome").GetString(),
            row.GetProperty("disabledAliasOf").GetString(), row.GetProperty("open").GetBoolean()));
        Assert.Equal("requested, no module on this kernel", row.GetProperty("verdict").GetString());
        Assert.Empty(row.GetProperty("resolved").EnumerateArray());
        // The CVEs shown are rds's own, so the reader sees what Debian's change kept out.
        Assert.Equal(DatasetCves(["rds"]), row.GetProperty("cves").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToHashSet());
    }

    [Fact]
    public void Tipc_and_dccp_sock_diag_requests_need_their_family_loaded_first()
    {
        var root = Exposure(null, out _);
        var tipc = Row(root, "net-pf-16-proto-4-type-30");
        Assert.Equal(("needs-prerequisite", "net-pf-30", false), (tipc.GetProperty("outcome").GetString(), tipc.GetProperty("prerequisite").GetString(), tipc.GetProperty("open").GetBoolean()));
        Assert.Equal("not requested until net-pf-30 loads a module, which it cannot here", tipc.GetProperty("verdict").GetString());
        Assert.Equal("needs-prerequisite", Row(root, "net-pf-16-proto-4-type-2-33").GetProperty("outcome").GetString());
        Assert.Equal(("no-module", "tipc"), (Row(root, "net-pf-30").GetProperty("outcome").GetString(), Row(root, "net-pf-30").GetProperty("disabledAliasOf").GetString()));
        // sctp_diag is reachable, and what sctp's own request loaded is not counted again.
        var sctpDiag = Row(root, "net-pf-16-proto-4-type-2-132");
        Assert.Equal("net-pf-2-proto-132", sctpDiag.GetProperty("prerequisite").GetString());
        Assert.DoesNotContain("sctp", sctpDiag.GetProperty("loads").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Autoload_privileged_blocks_every_unprivileged_request()
    {
        var policy = Path.Combine(Path.GetTempPath(), $"modgate-exposure-{Guid.NewGuid():N}.conf");
        File.WriteAllText(policy, "version 1\nautoload privileged\n");
        try
        {
            var root = Exposure(policy, out var line);
            foreach (var request in Required.Select(r => (string)r[0]))
            {
                var row = Row(root, request);
                Assert.False(row.GetProperty("open").GetBoolean());
                Assert.Equal($"blocked: autoload privileged at {policy}:2", row.GetProperty("verdict").GetString());
                Assert.Equal("deny", row.GetProperty("policyDecision").GetString());
            }
            Assert.Equal(0, root.GetProperty("summary").GetProperty("openModules").GetInt32());
            Assert.EndsWith($"under this policy ({policy}): 0 open", line);
            Assert.True(root.GetProperty("summary").GetProperty("reachableModules").GetInt32() > 400);
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Fact]
    public void A_rule_blocks_only_what_it_names()
    {
        var policy = Path.Combine(Path.GetTempPath(), $"modgate-exposure-{Guid.NewGuid():N}.conf");
        File.WriteAllText(policy, "version 1\ndeny request=tty-ldisc-*\ndeny module=appletalk\n");
        try
        {
            var root = Exposure(policy, out _);
            Assert.Equal($"blocked: rule at {policy}:2", Row(root, "tty-ldisc-13").GetProperty("verdict").GetString());
            Assert.Equal($"blocked: rule at {policy}:3", Row(root, "net-pf-5").GetProperty("verdict").GetString());
            Assert.Equal("open", Row(root, "can-proto-2").GetProperty("verdict").GetString());
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Fact]
    public void Table_leads_with_the_summary_then_one_row_per_module()
    {
        var result = CliRunner.Run("exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--wide");
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        var lines = result.Stdout.Split('\n');
        Assert.StartsWith("Autoload exposure of ", lines[0]);
        Assert.Matches(@"^\d+ modules reachable by unprivileged autoload \(\d+ without any privilege, \d+ more through an unprivileged user namespace\), \d+ with known CVEs; \d+ requests reach modprobe but load nothing on this kernel; under .*: \d+ open$", lines[1]);
        Assert.Matches("^MODULE +CVES +NEWEST CVE +PRIVILEGE +VERDICT +REQUESTS +TRIGGER$", lines[3]);
        Assert.Contains(lines, l => l.StartsWith("n_hdlc ") && l.Contains("tty-ldisc-13") && l.Contains("ioctl(tty_fd, TIOCSETD, N_HDLC)") && l.Contains("CVE-2017-2636"));
        // openvswitch's generic-netlink families: one row, every request on it.
        var ovs = Assert.Single(lines, l => l.StartsWith("openvswitch "));
        Assert.Matches("net-pf-16-proto-16-family-ovs_datapath, .*net-pf-16-proto-16-family-ovs_vport", ovs);
    }

    [Fact]
    public void Requests_shows_one_row_per_request()
    {
        var result = CliRunner.Run("exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--requests", "--wide");
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        var lines = result.Stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("REQUEST ") && l.Contains("TRIGGER") && l.Contains("PRIVILEGE NEEDED") && l.Contains("VERDICT"));
        Assert.Contains(lines, l => l.StartsWith("tty-ldisc-13 ") && l.Contains("n_hdlc") && l.Contains("ioctl(tty_fd, TIOCSETD, N_HDLC)") && l.Contains("CVE-2017-2636"));
        Assert.True(lines.Count(l => l.StartsWith("net-pf-16-proto-16-family-ovs_")) > 1);
    }

    [Theory]
    [InlineData("cves")]
    [InlineData("module")]
    [InlineData("privilege")]
    public void Sort_orders_the_module_rows(string key)
    {
        var result = CliRunner.Run("exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--sort", key, "--wide");
        Assert.Equal(0, result.ExitCode);
        var header = result.Stdout.Split('\n').ToList().FindIndex(l => l.StartsWith("MODULE "));
        var rows = result.Stdout.Split('\n').Skip(header + 1).TakeWhile(l => l.Length > 0)
            .Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.True(rows.Count > 400);
        switch (key)
        {
            case "cves":
                Assert.Equal(rows.Select(r => int.Parse(r[1])).OrderDescending(), rows.Select(r => int.Parse(r[1])));
                break;
            case "module":
                Assert.Equal(rows.Select(r => r[0]).Order(StringComparer.Ordinal), rows.Select(r => r[0]));
                break;
            default:
                var firstUserns = rows.FindIndex(r => r[3].EndsWith("(user namespace)"));
                Assert.True(firstUserns > 0);
                Assert.All(rows.Take(firstUserns), r => Assert.Equal("none", r[3]));
                Assert.All(rows.Skip(firstUserns), r => Assert.NotEqual("none", r[3]));
                break;
        }
    }

    [Fact]
    public void Open_and_privilege_filter_the_rows_not_the_summary()
    {
        var policy = Path.Combine(Path.GetTempPath(), $"modgate-exposure-{Guid.NewGuid():N}.conf");
        File.WriteAllText(policy, "version 1\ndeny request=tty-ldisc-*\n");
        try
        {
            string[] args = ["exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--policy", policy, "--json"];
            var all = JsonDocument.Parse(CliRunner.Run(args).Stdout).RootElement;
            var open = JsonDocument.Parse(CliRunner.Run([.. args, "--open"]).Stdout).RootElement;
            var none = JsonDocument.Parse(CliRunner.Run([.. args, "--privilege", "none"]).Stdout).RootElement;
            var init = JsonDocument.Parse(CliRunner.Run([.. args, "--privilege", "init"]).Stdout).RootElement;
            Assert.Equal(all.GetProperty("summary").GetRawText(), open.GetProperty("summary").GetRawText());
            Assert.All(open.GetProperty("rows").EnumerateArray(), r => Assert.True(r.GetProperty("open").GetBoolean()));
            Assert.DoesNotContain(open.GetProperty("rows").EnumerateArray(), r => r.GetProperty("request").GetString() == "tty-ldisc-13");
            Assert.All(none.GetProperty("rows").EnumerateArray(), r => Assert.Equal("none", r.GetProperty("privilege").GetString()));
            Assert.Contains(init.GetProperty("rows").EnumerateArray(), r => r.GetProperty("request").GetString() == "tcp-ulp-tls");
            var table = CliRunner.Run("exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--policy", policy, "--open", "--wide");
            Assert.DoesNotContain(table.Stdout.Split('\n'), l => l.StartsWith("n_hdlc "));
            Assert.Contains(table.Stdout.Split('\n'), l => l.StartsWith("appletalk "));
        }
        finally
        {
            File.Delete(policy);
        }
    }

    [Fact]
    public void All_adds_the_requests_that_need_root_or_a_device_and_built_in_answers()
    {
        var privileges = (JsonElement root) => root.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("privilege").GetString()).ToHashSet();
        var result = CliRunner.Run("exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--json", "--all");
        Assert.Equal(0, result.ExitCode);
        var all = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Superset(new HashSet<string?> { "none", "userns", "init", "device" }, privileges(all));
        var tls = Row(all, "tcp-ulp-tls");
        Assert.Equal(("init", "CAP_NET_ADMIN"), (tls.GetProperty("privilege").GetString(), tls.GetProperty("privilegeText").GetString()));
        Assert.Contains(all.GetProperty("rows").EnumerateArray(), r => r.GetProperty("outcome").GetString() == "built-in");
        var shown = Exposure(null, out _);
        Assert.Equal(new HashSet<string?> { "none", "userns" }, privileges(shown));
        // The summary covers the unprivileged rows either way.
        Assert.Equal(shown.GetProperty("summary").GetRawText(), all.GetProperty("summary").GetRawText());
    }

    [Fact]
    public void A_root_file_system_works_like_its_module_directory()
    {
        var fromRoot = CliRunner.Run("exposure", "--kernel-tree", DebianKernel.Root, "--json");
        Assert.Equal(0, fromRoot.ExitCode);
        var root = JsonDocument.Parse(fromRoot.Stdout).RootElement;
        Assert.Equal(DebianKernel.ModuleDirectory, root.GetProperty("kernelTree").GetString());
        Assert.Equal(DebianKernel.Version, root.GetProperty("kernelVersion").GetString());
    }

    [Fact]
    public void Missing_tree_says_where_it_looked_and_how_to_pass_one()
    {
        var result = CliRunner.Run("exposure", "--kernel-tree", "/nonexistent/modules");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("modgate exposure: no module tree at /nonexistent/modules: looked for /nonexistent/modules/modules.dep and " +
                     "/nonexistent/modules/lib/modules/VERSION/modules.dep; pass the directory that holds modules.dep with --kernel-tree DIR " +
                     "(run depmod if it is missing)\n", result.Stderr);
    }

    [Fact]
    public void Without_kernel_tree_it_reads_the_running_kernel_or_says_what_is_missing()
    {
        var running = "/lib/modules/" + File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var result = CliRunner.Run("exposure", "-q");
        if (File.Exists(Path.Combine(running, "modules.dep")))
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("modules reachable by unprivileged autoload", result.Stdout);
        }
        else
        {
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith($"modgate exposure: no module tree for the running kernel: looked for {running}/modules.dep", result.Stderr);
            Assert.Contains("--kernel-tree DIR", result.Stderr);
        }
    }

    [Fact]
    public void A_tree_without_modules_dep_inside_a_root_is_refused()
    {
        var root = Directory.CreateTempSubdirectory("modgate-broken-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "lib", "modules", "6.1.0-x"));
            var result = CliRunner.Run("exposure", "--kernel-tree", root.FullName);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"no module tree at {root.FullName}", result.Stderr);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_bad_policy_is_a_usage_error_with_its_position()
    {
        var policy = Path.Combine(Path.GetTempPath(), $"modgate-exposure-{Guid.NewGuid():N}.conf");
        File.WriteAllText(policy, "version 1\nautoload sometimes\n");
        try
        {
            var result = CliRunner.Run("exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--policy", policy);
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith($"{policy}:2:", result.Stderr);
            Assert.Contains("error:", result.Stderr);
        }
        finally
        {
            File.Delete(policy);
        }
    }
}
