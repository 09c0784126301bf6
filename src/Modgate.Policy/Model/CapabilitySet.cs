using System.Collections.Frozen;

namespace Modgate.Policy;

/// <summary>A set of Linux capabilities as the kernel stores them: one bit per capability number.</summary>
public readonly record struct CapabilitySet(ulong Bits)
{
    public const int SysModule = 16;
    public const int NetAdmin = 12;

    // Numbers from include/uapi/linux/capability.h; the order is the kernel's.
    private static readonly string[] Names =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
        "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
        "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
        "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    private static readonly FrozenDictionary<string, int> NumberByName =
        Names.Select((name, number) => (name, number)).ToFrozenDictionary(x => x.name, x => x.number, StringComparer.Ordinal);

    public static IReadOnlyList<string> AllNames => Names;

    public static CapabilitySet None => default;

    public static CapabilitySet All => new((1UL << Names.Length) - 1);

    /// <summary>Looks up a capability by its kernel name (<c>CAP_NET_ADMIN</c>); the <c>CAP_</c> prefix is required, case is not.</summary>
    public static bool TryParseName(string name, out int number) =>
        NumberByName.TryGetValue(name.ToUpperInvariant(), out number);

    public static string NameOf(int number) => (uint)number < (uint)Names.Length ? Names[number] : $"cap{number}";

    public static CapabilitySet Of(params int[] numbers)
    {
        ulong bits = 0;
        foreach (var n in numbers) bits |= 1UL << n;
        return new CapabilitySet(bits);
    }

    public bool Has(int number) => (Bits & (1UL << number)) != 0;

    public CapabilitySet With(int number) => new(Bits | (1UL << number));

    public IEnumerable<string> ToNames()
    {
        for (var n = 0; n < 64; n++)
            if (Has(n)) yield return NameOf(n);
    }

    public override string ToString() => Bits == 0 ? "none" : this == All ? "all" : string.Join(",", ToNames());
}
