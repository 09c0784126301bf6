using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Library, EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte* buffer);

    /// <summary>st_ino of a path (x86-64 struct stat: st_dev then st_ino); a cgroup v2 directory's inode is its cgroup id.</summary>
    internal static ulong InodeOf(string path)
    {
        var buffer = stackalloc byte[256];
        if (Stat(path, buffer) != 0) throw SyscallException.FromErrno($"stat({path})");
        return *(ulong*)(buffer + 8);
    }
}
