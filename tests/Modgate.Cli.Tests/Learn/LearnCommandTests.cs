using Modgate.Enforcement.Audit;
using Modgate.Policy;

namespace Modgate.Cli.Tests.Learn;

public sealed class LearnCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-learn-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Sysfs => Path.Combine(RepositoryRoot.Path, "tests", "fixtures", "sys", "qemu-i440fx");

    private string ProcModules(params string[] names)
    {
        var path = Path.Combine(_dir, "modules");
        File.WriteAllLines(path, names.Select(n => $"{n} 16384 0 - Live 0x0000000000000000"));
        return path;
    }

    private CliResult Learn(params string[] extra) =>
        CliRunner.Run(["learn", "--kernel-tree", DebianKernel.ModuleDirectory, "--sysfs", Sysfs, .. extra]);

    [Fact]
    public void The_learned_policy_passes_check_without_a_warning()
    {
        var output = Path.Combine(_dir, "learned.conf");
        var result = Learn("--proc-modules", ProcModules("ext4", "virtio_net"), "-o", output);
        Assert.Equal((0, "", ""), (result.ExitCode, result.Stdout, result.Stderr));
        var text = File.ReadAllText(output);
        Assert.Contains("\nallow module=ext4                       # loaded now\n", text);
        Assert.Contains("\nallow module=i2c_piix4                  # hardware: /devices/pci0000:00/0000:00:01.3 (pci:v00008086d00007113sv00001AF4sd00001100bc06sc80i00)\n", text);
        Assert.EndsWith("\nallow unload module=*\n\ndefault deny\n", text);

        var check = CliRunner.Run("check", "--kernel-tree", DebianKernel.ModuleDirectory, output);
        Assert.Equal((0, ""), (check.ExitCode, check.Stderr));
        Assert.StartsWith("policy ok: 1 file, ", check.Stdout);
        Assert.Contains(", default deny;", check.Stdout);
    }

    [Fact]
    public void Json_gives_the_rules_with_their_group_and_reasons()
    {
        var result = Learn("--proc-modules", ProcModules("i2c_piix4"), "--json");
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal((1, DebianKernel.Version), (root.GetProperty("schema").GetInt32(), root.GetProperty("kernelVersion").GetString()));
        var piix4 = root.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("module").GetString() == "i2c_piix4");
        Assert.Equal("loaded", piix4.GetProperty("source").GetString());
        Assert.Equal(["loaded now", "hardware: /devices/pci0000:00/0000:00:01.3 (pci:v00008086d00007113sv00001AF4sd00001100bc06sc80i00)"],
            piix4.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains(root.GetProperty("rules").EnumerateArray(), r => r.GetProperty("source").GetString() == "hardware");
        Assert.EndsWith("\ndefault deny\n", root.GetProperty("policy").GetString());
    }

    [Fact]
    public void From_log_adds_the_would_deny_modules_of_the_audit_log_since_T()
    {
        var log = Path.Combine(_dir, "audit.jsonl");
        using (var writer = new AuditJsonlWriter(log))
        {
            var old = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            writer.Write(Record(old, "net-pf-5", "appletalk"));
            writer.Write(Record(DateTimeOffset.UtcNow, "tty-ldisc-13", "n_hdlc"));
        }
        var result = Learn("--proc-modules", ProcModules(), "--from-log", log, "--since", "1d");
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.Contains("\n# Requested according to the audit log, with what modprobe loads with them.\nallow module=n_hdlc                     # audit log: would-deny autoload request=tty-ldisc-13 by pppd, 1 time, last ", result.Stdout);
        Assert.DoesNotContain("appletalk", result.Stdout);
    }

    private static AuditEvent Record(DateTimeOffset time, string request, string module) =>
        new(time, Verb.Autoload, request, module, Origin.Autoload, AuditDecision.WouldDeny, DecisionLayer.Default, "/etc/modgate/policy.conf:9",
            100, 100, "pppd", "/usr/sbin/pppd", 0, "/", CapabilitySet.None);

    [Theory]
    [InlineData(new[] { "--since", "2h" }, "modgate learn: --since needs --from-log FILE (it filters the audit records)\n")]
    [InlineData(new[] { "--from-log", "/x", "--since", "soon" }, "modgate learn: --since: 'soon' is not a time: use 2026-11-25T12:00:00Z, 2026-11-25, or an age such as 90s, 10m, 2h, 7d\n")]
    [InlineData(new[] { "--from-log", "/nonexistent/audit.jsonl" }, "modgate learn: /nonexistent/audit.jsonl: no audit log here (modgate agent writes it; see `modgate status`)\n")]
    public void Bad_arguments_are_usage_errors_that_say_what_to_do(string[] args, string stderr)
    {
        var result = Learn([.. args, "--proc-modules", ProcModules()]);
        Assert.Equal((2, "", stderr), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public void An_unreadable_input_writes_no_policy()
    {
        var result = Learn("--proc-modules", Path.Combine(_dir, "missing"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith($"{Path.Combine(_dir, "missing")}: error: cannot read the loaded modules: ", result.Stderr);
        Assert.EndsWith("modgate learn: no policy written: an input could not be read (see above)\n", result.Stderr);
    }

    [Fact]
    public void A_missing_kernel_tree_is_a_usage_error()
    {
        var result = CliRunner.Run("learn", "--kernel-tree", "/nonexistent/tree", "--sysfs", Sysfs, "--proc-modules", ProcModules());
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("modgate learn: no module tree at /nonexistent/tree: ", result.Stderr);
    }
}
