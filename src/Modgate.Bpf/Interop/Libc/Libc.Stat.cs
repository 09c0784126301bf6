using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Library, EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte* buffer);

    /// <summary>
    /// What identifies a file's inode to the kernel, from stat(2) (x86-64 struct stat: st_dev 0, st_ino 8, st_size 48,
    /// st_ctim 104): the device as the kernel's own dev_t ((major &lt;&lt; 20) | minor, not glibc's encoding).
    /// </summary>
    internal static (ulong KernelDev, ulong Ino, ulong Size, long CtimeSec, ulong CtimeNsec) IdentityOf(string path)
    {
        var buffer = stackalloc byte[256];
        if (Stat(path, buffer) != 0) throw SyscallException.FromErrno($"stat({path})");
        var dev = *(ulong*)buffer;
        var major = ((dev >> 32) & 0xfffff000) | ((dev >> 8) & 0xfff);
        var minor = ((dev >> 12) & 0xffffff00) | (dev & 0xff);
        return ((major << 20) | minor, *(ulong*)(buffer + 8), *(ulong*)(buffer + 48), *(long*)(buffer + 104), *(ulong*)(buffer + 112));
    }

    /// <summary>st_ino of a path (x86-64 struct stat: st_dev then st_ino); a cgroup v2 directory's inode is its cgroup id.</summary>
    internal static ulong InodeOf(string path)
    {
        var buffer = stackalloc byte[256];
        if (Stat(path, buffer) != 0) throw SyscallException.FromErrno($"stat({path})");
        return *(ulong*)(buffer + 8);
    }
}
