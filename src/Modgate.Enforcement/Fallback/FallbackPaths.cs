namespace Modgate.Enforcement.Fallback;

/// <summary>Where the fallback backends write; tests point every path into a temporary tree (never the host's /proc/sys).</summary>
public sealed record FallbackPaths(string ProcSys, string RunDirectory, string ModprobeDenyFile, string ModgateBinary)
{
    public static FallbackPaths System => new("/proc/sys", "/run/modgate", Fallback.ModprobeDenyFile.DefaultPath,
        Environment.ProcessPath ?? "/usr/sbin/modgate");

    public string KernelModprobe => Path.Combine(ProcSys, "kernel", "modprobe");
    public string LdiscAutoload => Path.Combine(ProcSys, "dev", "tty", "ldisc_autoload");
    public string ModulesDisabled => Path.Combine(ProcSys, "kernel", "modules_disabled");

    /// <summary>The helper kernel.modprobe points at: a script, because the kernel passes no arguments of ours.</summary>
    public string GateScript => Path.Combine(RunDirectory, "modprobe-gate");

    /// <summary>What the fallback changed, so `disable` can put it back and `status` can tell.</summary>
    public string StateFile => Path.Combine(RunDirectory, "fallback");
}
