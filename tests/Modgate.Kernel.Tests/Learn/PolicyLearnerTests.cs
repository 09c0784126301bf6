using Modgate.Kernel.Learn;
using Modgate.Policy;

namespace Modgate.Kernel.Tests.Learn;

/// <summary>`learn` on the recorded /sys of the QEMU guest, resolved through the real Debian tree.</summary>
public sealed class PolicyLearnerTests
{
    private static readonly Lazy<AliasResolver> Resolver = new(() => new AliasResolver(ModuleTree.Load(DebianKernel.ModuleDirectory, [])));

    private static LearnedPolicy Learn(IReadOnlyList<string>? loaded = null, IReadOnlyList<LearnObservation>? observations = null)
    {
        var diagnostics = new List<KernelDiagnostic>();
        var devices = DeviceModaliases.Scan(Fixtures.QemuSysfs, diagnostics);
        Assert.Empty(diagnostics);
        return new PolicyLearner(Resolver.Value).Learn(loaded ?? [], devices, observations ?? []);
    }

    [Fact]
    public void The_recorded_sys_tree_holds_the_guest_devices()
    {
        var diagnostics = new List<KernelDiagnostic>();
        var devices = DeviceModaliases.Scan(Fixtures.QemuSysfs, diagnostics);
        Assert.Equal(41, devices.Count);
        Assert.Contains(new DeviceModalias("devices/pci0000:00/0000:00:01.3", "pci:v00008086d00007113sv00001AF4sd00001100bc06sc80i00"), devices);
        Assert.Contains(new DeviceModalias("devices/platform/pcspkr", "platform:pcspkr"), devices);
    }

    [Fact]
    public void Hardware_modules_come_with_their_dependencies_and_a_reason_each()
    {
        var policy = Learn();
        var rules = policy.Rules.ToDictionary(r => r.Module);
        // The PIIX4 SMBus of the i440FX machine, the PIIX IDE controller and its libata, the PC speaker.
        Assert.Equal(["hardware: /devices/pci0000:00/0000:00:01.3 (pci:v00008086d00007113sv00001AF4sd00001100bc06sc80i00)"], rules["i2c_piix4"].Reasons);
        Assert.Equal(["hardware: /devices/platform/pcspkr (platform:pcspkr)"], rules["pcspkr"].Reasons);
        Assert.Equal(["dependency of ata_generic (modules.dep)", "dependency of ata_piix (modules.dep)"], rules["libata"].Reasons.Order());
        Assert.All(policy.Rules, r => Assert.Equal(LearnSource.Hardware, r.Source));
        // Every module modprobe inserts for a learned one is learned too: nothing of the closure is left to the default.
        foreach (var rule in policy.Rules)
            Assert.All(Resolver.Value.Tree.LoadClosure(rule.Module), m => Assert.True(rules.ContainsKey(m), $"{m} (needed by {rule.Module}) missing"));
        // None of the autoload zoo.
        Assert.DoesNotContain("n_hdlc", rules.Keys);
        Assert.DoesNotContain("sctp", rules.Keys);
    }

    [Fact]
    public void A_module_found_twice_is_written_once_in_its_first_group_with_every_reason()
    {
        var policy = Learn(loaded: ["i2c_piix4", "ext4"]);
        var piix4 = policy.Rules.Single(r => r.Module == "i2c_piix4");
        Assert.Equal(LearnSource.Loaded, piix4.Source);
        Assert.Equal("loaded now", piix4.Reasons[0]);
        Assert.StartsWith("hardware: /devices/pci0000:00/0000:00:01.3", piix4.Reasons[1]);
        Assert.Equal(["ext4", "i2c_piix4"], policy.Rules.Where(r => r.Source == LearnSource.Loaded).Select(r => r.Module));
    }

    [Fact]
    public void Audit_log_observations_add_modules_with_how_often_and_when_and_skip_what_is_not_a_load()
    {
        var t = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var policy = Learn(observations:
        [
            new(t, Verb.Autoload, "tty-ldisc-13", "n_hdlc", Origin.Autoload, "would-deny", "pppd"),
            new(t.AddMinutes(5), Verb.Autoload, "tty-ldisc-13", "n_hdlc", Origin.Autoload, "would-deny", "pppd"),
            new(t, Verb.Load, null, "dummy", Origin.Explicit, "allow", "insmod"),
            new(t, Verb.Unload, null, "floppy", null, "would-deny", "rmmod"),
            new(t, Verb.Load, null, "tun", Origin.Explicit, "deny", "insmod"),
            new(t, Verb.Autoload, "net-pf-21", null, Origin.Autoload, "would-deny", "rds-probe"),
        ]);
        var fromLog = policy.Rules.Where(r => r.Source == LearnSource.AuditLog).ToDictionary(r => r.Module);
        Assert.Equal(["dummy", "n_hdlc"], fromLog.Keys.Order());
        Assert.Equal(["audit log: would-deny autoload request=tty-ldisc-13 by pppd, 2 times, last 2026-11-25T10:05:00Z"], fromLog["n_hdlc"].Reasons);
        Assert.Equal(["audit log: allow load by insmod, 1 time, last 2026-11-25T10:00:00Z"], fromLog["dummy"].Reasons);
        Assert.Contains("audit log: would-deny autoload request=net-pf-21 by rds-probe resolved to no module; nothing to allow", policy.Notes);
    }

    [Fact]
    public void The_policy_passes_the_policy_checker_and_allows_exactly_what_was_learned()
    {
        var learned = Learn(loaded: ["ext4"]);
        var text = LearnedPolicyText.Render(learned, new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), ["test"]);
        var known = Resolver.Value.Tree.ModulesByName.Keys.Concat(Resolver.Value.Tree.Builtin).ToHashSet();
        var loaded = PolicyLoader.LoadText("learned.conf", text, known);
        Assert.Empty(loaded.Diagnostics);
        var policy = PolicyCompiler.Compile(loaded.Document!);
        Assert.Equal(Verdict.Deny, policy.Default);
        foreach (var rule in learned.Rules)
        {
            Assert.Equal(Verdict.Allow, policy.Decide(Request.Load(rule.Module)).Verdict);
            Assert.Equal(Verdict.Allow, policy.Decide(Request.Load(rule.Module, Origin.Autoload)).Verdict);
        }
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Autoload("platform:pcspkr", Resolver.Value.Resolve("platform:pcspkr"))).Verdict);
        // The trigger zoo of tests/vm/tests/stock, as the kernel requests it.
        foreach (var request in new[] { "tty-ldisc-13", "net-pf-5", "net-pf-29", "net-pf-2-proto-132", "char-major-10-200", "fs-hfs", "algif-hash" })
        {
            var modules = Resolver.Value.Resolve(request);
            Assert.NotEmpty(modules);
            Assert.Equal((request, Verdict.Deny), (request, policy.Decide(Request.Autoload(request, modules)).Verdict));
        }
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Unload("ext4")).Verdict);
    }

    [Fact]
    public void Blacklisted_hardware_modules_are_left_out_as_udev_leaves_them()
    {
        var dir = Directory.CreateTempSubdirectory("modgate-learn-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "no-speaker.conf"), "blacklist pcspkr\n");
            var resolver = new AliasResolver(ModuleTree.Load(DebianKernel.ModuleDirectory, [dir]));
            var devices = DeviceModaliases.Scan(Fixtures.QemuSysfs, []);
            var policy = new PolicyLearner(resolver).Learn([], devices, []);
            Assert.DoesNotContain("pcspkr", policy.Rules.Select(r => r.Module));
            Assert.Contains($"pcspkr matches /devices/platform/pcspkr but is blacklisted ({Path.Combine(dir, "no-speaker.conf")}:1): udev's modprobe -b does not load it",
                policy.Notes);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
