using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class Libc
{
    /// <summary>CLOCK_BOOTTIME: what bpf_ktime_get_boot_ns() reads in the kernel (counts suspend, unlike .NET's monotonic clock).</summary>
    internal const int CLOCK_BOOTTIME = 7;

    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport(Library, EntryPoint = "clock_gettime", SetLastError = true)]
    internal static partial int ClockGetTime(int clock, out Timespec time);
}
