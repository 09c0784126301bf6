using Modgate.Enforcement.Lock;

namespace Modgate.Enforcement.Tests.Lock;

public sealed class SelfProtectionsTests
{
    private static readonly LockInfo Locked = new(true, DateTimeOffset.UnixEpoch, 3, false, null);

    [Theory]
    [InlineData("[none] integrity confidentiality", "none")]
    [InlineData("none [integrity] confidentiality\n", "integrity")]
    [InlineData("none integrity [confidentiality]", "confidentiality")]
    [InlineData("none integrity confidentiality", null)]
    [InlineData(null, null)]
    public void Lockdown_mode_is_the_bracketed_word(string? text, string? mode) =>
        Assert.Equal(mode, SelfProtections.LockdownMode(text));

    [Fact]
    public void Without_lockdown_kexec_and_dev_mem_are_named_as_not_protected_with_the_fix()
    {
        var kexec = SelfProtections.Describe(Locked, _ => true, "[none] integrity confidentiality", "0").Single(p => p.Name == "kexec and /dev/mem");
        Assert.False(kexec.Active);
        Assert.Contains("kernel lockdown is none", kexec.Detail);
        Assert.Contains("boot with lockdown=integrity", kexec.Detail);
    }

    [Fact]
    public void With_lockdown_integrity_kexec_and_dev_mem_are_protected()
    {
        var kexec = SelfProtections.Describe(Locked, _ => true, "none [integrity] confidentiality", "0").Single(p => p.Name == "kexec and /dev/mem");
        Assert.True(kexec.Active);
    }

    [Fact]
    public void A_lock_program_whose_link_is_missing_is_reported_with_what_stays_open()
    {
        var list = SelfProtections.Describe(Locked, path => !path.EndsWith(Bpf.LockObject.Programs.FileOpen, StringComparison.Ordinal), null, "0");
        var sysctl = list.Single(p => p.Name == "lsm/file_open");
        Assert.False(sysctl.Active);
        Assert.Equal("mg_lock_file_open not attached: writes to kernel.modprobe (the helper every autoload runs) and kernel.ftrace_enabled (0 stops every BPF program) stays open", sysctl.Detail);
        Assert.All(list.Where(p => p.Name.StartsWith("lsm/", StringComparison.Ordinal) && p.Name != "lsm/file_open"), p => Assert.True(p.Active));
    }

    [Fact]
    public void Nothing_is_active_when_not_locked() =>
        Assert.All(SelfProtections.Describe(LockInfo.NotLocked, _ => true, "[none]", "0").Where(p => p.Name != "kexec and /dev/mem"),
            p => Assert.False(p.Active));

    [Theory]
    [InlineData("1\n", true)]
    [InlineData("0\n", false)]
    public void Modules_disabled_is_checked_against_the_sysctl_when_the_lock_asked_for_it(string sysctl, bool active)
    {
        var info = Locked with { ModulesDisabled = true };
        Assert.Equal(active, SelfProtections.Describe(info, _ => true, null, sysctl).Single(p => p.Name == "kernel.modules_disabled").Active);
    }

    [Fact]
    public void Modules_disabled_is_not_listed_when_the_policy_allows_loads() =>
        Assert.DoesNotContain(SelfProtections.Describe(Locked, _ => true, null, "0"), p => p.Name == "kernel.modules_disabled");

    [Fact]
    public void Every_lock_program_of_the_object_is_listed()
    {
        using var obj = Modgate.Bpf.BpfObject.Open(LockObject(), "modgate_lock");
        foreach (var (program, _, _) in LockPins.Programs) Assert.Equal(program, obj.Program(program).Name);
    }

    private static byte[] LockObject()
    {
        using var stream = typeof(Modgate.Bpf.BpfObject).Assembly.GetManifestResourceStream("modgate_lock.bpf.o")!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
