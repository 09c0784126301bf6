using Modgate.Cli.Output;
using Modgate.Enforcement.Audit;
using Modgate.Enforcement.Status;
using Modgate.Enforcement.Tables;
using Modgate.Policy;

namespace Modgate.Cli.Tests.Golden;

/// <summary>
/// `log`, `status` and `learn` at 80, 120 and 200 columns, in a pipe and in a pipe with --wide, compared with the files
/// in Golden/ as <see cref="GoldenOutputTests"/> does (MODGATE_WRITE_GOLDEN=1 rewrites them).
/// </summary>
public sealed class MoreGoldenOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-golden-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Widths => GoldenOutputTests.Widths;

    /// <summary>Records as an agent writes them: short and long module, request, process and rule names.</summary>
    internal static string WriteAuditLog(string directory)
    {
        var path = Path.Combine(directory, "audit.jsonl");
        var noon = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        using var writer = new AuditJsonlWriter(path);
        writer.Write(new AuditEvent(noon, Verb.Autoload, "tty-ldisc-13", "n_hdlc", Origin.Autoload, AuditDecision.Deny, DecisionLayer.Rule,
            "/etc/modgate/policy.conf:7", 4242, 4242, "trigger", "/usr/bin/trigger", 1000, "/user.slice", CapabilitySet.None));
        writer.Write(new AuditEvent(noon.AddSeconds(1), Verb.Autoload, "net-pf-16-proto-16-family-ovs_datapath", "openvswitch", Origin.Autoload,
            AuditDecision.WouldDeny, DecisionLayer.Default, "/etc/modgate/policy.d/50-server.conf:12", 4243, 4243, "ovs-vswitchd",
            "/usr/sbin/ovs-vswitchd", 0, "/system.slice/ovs.service", CapabilitySet.None));
        writer.Write(new AuditEvent(noon.AddSeconds(2), Verb.Load, null, "nf_tables", Origin.Explicit, AuditDecision.Allow, DecisionLayer.Rule,
            "/etc/modgate/policy.conf:9", 4244, 4244, "nft", "/usr/sbin/nft", 0, "/", CapabilitySet.None));
        writer.Write(new AuditEvent(noon.AddSeconds(3), Verb.Autoload, "crypto-hmac(sha3-512-generic)", "sha3_generic", Origin.Autoload,
            AuditDecision.Deny, DecisionLayer.GlobalMode, "/etc/modgate/policy.conf:2", 4245, 4245, "kworker/u8:2", "", 1000, "/", CapabilitySet.None));
        return path;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Log_fits_the_width(string width)
    {
        var log = WriteAuditLog(_dir);
        var result = GoldenOutputTests.RunAt(width, "log", "--file", log);
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        GoldenOutputTests.AssertFits(width, result.Stdout.Split('\n'));
        if (width == "wide") Assert.Contains("net-pf-16-proto-16-family-ovs_datapath  autoload  0      ovs-vswitchd[4243]", result.Stdout);
        // A pipe gets what 80 columns get, and says what --wide would add.
        if (width == "pipe")
        {
            Assert.Equal(GoldenOutputTests.RunAt("80", "log", "--file", log).Stdout, result.Stdout);
            Assert.Contains("left out to fit 80 columns; --wide", result.Stdout);
        }
        GoldenOutputTests.AssertGolden($"log-{GoldenOutputTests.Fitted(width)}.txt", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Status_fits_the_width(string width)
    {
        var status = new EnforcementStatus(EnforcementLevel.Partial,
            ["program mg_task_alloc not attached to lsm/task_alloc: BPF task storage (kernel 5.11) unavailable (run modgate disable, then modgate apply)"],
            "6.1.0-57-amd64", ["lockdown", "capability", "landlock", "yama", "apparmor", "bpf"], [],
            new PolicyTablesSummary(3, "sha256:4f1c9e0b2a7d6e5f8c3b1a0d9e8f7c6b5a4d3e2f1c0b9a8d7e6f5c4b3a2d1e0f", ["/etc/modgate/policy.conf", "/etc/modgate/policy.d/50-server.conf"],
                new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), "privileged", "classic", "classic", "complain"),
            new Dictionary<string, VerbCounters> { ["autoload"] = new(1523, 0, 12, 3), ["load"] = new(88, 0, 1, 0), ["unload"] = new(4, 0, 0, 0) },
            0, null)
        {
            Notes = ["bpf not in active LSM list (lockdown,capability,landlock,yama,apparmor): the programs are attached as fmod_ret to the kernel's security_* functions"],
        };
        var report = new StatusReport(status, "bpf-fmod-ret", null, ["locked: no"],
            "agent: running (pid 812, since 2026-11-25 11:58:02Z): 16 audit records written, 0 not written, 0 dropped by the kernel", null);
        // A pipe's style is what Terminal decides for one (80 columns; --wide: no limit).
        var style = int.TryParse(width, out var columns)
            ? new OutputStyle(false, true, () => columns)
            : Terminal.Decide(false, width == "wide", false, _ => null, () => null);
        var text = new StringWriter { NewLine = "\n" };
        using (var output = new FittedWriter(text, style)) StatusText.Write(output, style, report);
        GoldenOutputTests.AssertFits(width, text.ToString().Split('\n'));
        GoldenOutputTests.AssertGolden($"status-{GoldenOutputTests.Fitted(width)}.txt", text.ToString());
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Learn_fits_the_width_and_stays_a_valid_policy(string width)
    {
        var modules = Path.Combine(_dir, "modules");
        File.WriteAllLines(modules, ["ext4 16384 0 - Live 0x0", "virtio_net 16384 0 - Live 0x0"]);
        string[] learn = ["learn", "--kernel-tree", DebianKernel.ModuleDirectory, "--proc-modules", modules,
            "--sysfs", Path.Combine(RepositoryRoot.Path, "tests", "fixtures", "sys", "qemu-i440fx")];
        // Only a terminal gets the policy fitted: in a pipe it is data, whatever the width (COLUMNS, a pipe's 80).
        var result = int.TryParse(width, out _)
            ? CliRunner.RunOnTerminal(new Dictionary<string, string?> { ["COLUMNS"] = width, ["TERM"] = "xterm" }, learn)
            : GoldenOutputTests.RunAt(width, learn);
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        var lines = result.Stdout.Split('\n');
        var policy = string.Join('\n', lines.SkipWhile(l => l != "version 1"));
        if (int.TryParse(width, out _))
            // A comment line of one word (the tree's path) is never cut either.
            GoldenOutputTests.AssertFits(width, lines.Select(l => l.StartsWith('#') && !l[1..].Trim().Contains(' ') ? "#" : l));
        else
        {
            Assert.Contains(lines, l => l.Length > 120 && l.StartsWith("allow "));
            Assert.DoesNotContain("reasons shortened", result.Stdout);
            var withColumns = CliRunner.RunWith(new Dictionary<string, string?> { ["COLUMNS"] = "80" }, learn).Stdout.Split('\n');
            Assert.Equal(policy, string.Join('\n', withColumns.SkipWhile(l => l != "version 1")));
            // --wide on a terminal shows it whole too.
            if (width == "wide")
            {
                var terminal = CliRunner.RunOnTerminal(new Dictionary<string, string?> { ["COLUMNS"] = "80", ["TERM"] = "xterm" }, [.. learn, "--wide"]);
                Assert.Equal(policy, string.Join('\n', terminal.Stdout.Split('\n').SkipWhile(l => l != "version 1")));
            }
        }
        // What a terminal shows is still the same policy: `check` reads it without a warning.
        var shown = Path.Combine(_dir, "shown.conf");
        File.WriteAllText(shown, result.Stdout);
        var check = CliRunner.Run("check", "--kernel-tree", DebianKernel.ModuleDirectory, shown);
        Assert.Equal((0, ""), (check.ExitCode, check.Stderr));
        // From `version 1` on: the header names the time and the tree's path.
        // A pipe gets the policy whole, as --wide does: both are held to the one "wide" file.
        GoldenOutputTests.AssertGolden($"learn-{(width == "pipe" ? "wide" : width)}.txt", policy);
    }
}
