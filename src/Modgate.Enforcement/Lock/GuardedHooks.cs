using Modgate.Enforcement.BpfLsm;

namespace Modgate.Enforcement.Lock;

/// <summary>
/// The LSM hooks on which the lock refuses new LSM programs (a newer program on a hook runs before modgate's and, on
/// kernels before 6.12, may return a positive value that skips them): every hook modgate's programs sit on, except
/// file_open, where a non-zero return can only fail an open and where systemd's RestrictFileSystems= attaches its own.
/// </summary>
public static class GuardedHooks
{
    public const string Exempt = "file_open";

    public static IReadOnlyList<string> Names { get; } =
        BpfPins.Programs.Select(p => p.Hook).Concat(LockPins.Programs.Select(p => p.Hook)).Where(h => h != Exempt).Distinct().ToList();

    /// <summary>The kernel functions BPF LSM programs attach to: bpf_lsm_HOOK.</summary>
    public static IEnumerable<string> AttachFunctions => Names.Select(h => "bpf_lsm_" + h);
}
