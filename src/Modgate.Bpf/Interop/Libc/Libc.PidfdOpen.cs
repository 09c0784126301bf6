using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class Libc
{
    private const long SysPidfdOpen = 434; // x86-64 and the generic table alike

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long arg1, long arg2);

    /// <summary>pidfd_open(2): the key of BPF task storage maps from user space.</summary>
    internal static int PidfdOpen(int pid) => (int)Syscall(SysPidfdOpen, pid, 0);
}
