using Modgate.Bpf.Interop;

namespace Modgate.Bpf.Kernel;

/// <summary>CLOCK_BOOTTIME, the clock of bpf_ktime_get_boot_ns(): kernel timestamps compare with it, suspend included.</summary>
public static class BootClock
{
    /// <summary>Nanoseconds since boot, or null when the clock cannot be read.</summary>
    public static ulong? Nanoseconds() =>
        Libc.ClockGetTime(Libc.CLOCK_BOOTTIME, out var now) == 0 ? (ulong)now.Seconds * 1_000_000_000UL + (ulong)now.Nanoseconds : null;
}
