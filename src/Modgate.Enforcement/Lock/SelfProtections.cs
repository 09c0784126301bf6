using Modgate.Bpf;

namespace Modgate.Enforcement.Lock;

/// <summary>One protection of a locked policy: in force on this kernel or not, and why.</summary>
public sealed record Protection(string Name, bool Active, string Detail);

/// <summary>
/// Which self-protections of the lock hold on this kernel, and which the kernel cannot give (kexec, /dev/mem and
/// other raw kernel-memory writes are kernel lockdown's job, not an LSM program's).
/// </summary>
public static class SelfProtections
{
    public const string LockdownFile = "/sys/kernel/security/lockdown";

    public static IReadOnlyList<Protection> Describe(LockInfo info, Func<string, bool> pinExists, string? lockdownText, string? modulesDisabledText)
    {
        var list = new List<Protection>
        {
            new("policy maps frozen", info.Locked, "BPF_MAP_FREEZE on every map of modgate's programs: bpf() can no longer write them"),
        };
        foreach (var (program, hook, stops) in LockPins.Programs)
        {
            var attached = pinExists(LockPins.LinkPath(program));
            list.Add(new($"lsm/{hook}", info.Locked && attached, attached ? $"refuses {stops}" : $"{program} not attached: {stops} stays open"));
        }
        list.Add(new("no new program that skips modgate's", info.Locked,
            "BPF_PROG_LOAD refused for freplace, fmod_ret, and LSM programs on the hooks modgate uses (" +
            string.Join(", ", GuardedHooks.Names) + "); fentry/fexit and other LSM hooks stay allowed"));
        list.Add(new("sysctls that switch modgate off", info.Locked && pinExists(LockPins.LinkPath(LockObject.Programs.FileOpen)),
            "kernel.modprobe and kernel.ftrace_enabled cannot be written (ftrace_enabled=0 stops every BPF trampoline)"));
        list.Add(new("LSM program detach", info.Locked,
            "BPF_LINK_DETACH needs a link descriptor, which lsm/bpf refuses; on 6.1 LSM links cannot be detached at all (EOPNOTSUPP)"));
        if (info.ModulesDisabled)
            list.Add(new("kernel.modules_disabled", modulesDisabledText?.Trim() == "1",
                modulesDisabledText?.Trim() == "1" ? "1 (load off + lock): no module loads at all until reboot" : "should be 1 (load off + lock) but reads " + modulesDisabledText?.Trim()));

        var lockdown = LockdownMode(lockdownText);
        var covered = lockdown is "integrity" or "confidentiality";
        list.Add(new("kexec and /dev/mem", covered, covered
            ? $"kernel lockdown is {lockdown}: no unsigned kexec, no writes to /dev/mem, /dev/kmem, /dev/port, kprobe override or bpf_probe_write_user"
            : (lockdown is null ? "kernel lockdown unavailable (no " + LockdownFile + ")" : "kernel lockdown is none") +
              ": root can still kexec another kernel or write kernel memory through /dev/mem; boot with lockdown=integrity " +
              "(lsm= must include lockdown), or at run time: echo integrity > " + LockdownFile));
        return list;
    }

    /// <summary>The bracketed word of /sys/kernel/security/lockdown ("none [integrity] confidentiality"), or null.</summary>
    public static string? LockdownMode(string? text)
    {
        if (text is null) return null;
        var start = text.IndexOf('[');
        var end = text.IndexOf(']', start + 1);
        return start >= 0 && end > start ? text[(start + 1)..end] : null;
    }

    public static IReadOnlyList<Protection> OfThisSystem(LockInfo info) =>
        Describe(info, File.Exists, ReadOrNull(LockdownFile), ReadOrNull(PolicyLock.ModulesDisabledSysctl));

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
