using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Modgate.Bpf.Interop;

namespace Modgate.Bpf.Kernel;

/// <summary>
/// A file opened with O_APPEND, written one whole buffer per write(2). .NET's FileMode.Append opens without O_APPEND
/// (it seeks once, then pwrite()s at its own offset), which lets two writers overwrite each other's lines.
/// </summary>
public static class AppendOnlyFile
{
    /// <summary>Opens (creating with <paramref name="mode"/>) for appending; the descriptor is closed on exec.</summary>
    public static SafeFileHandle Open(string path, UnixFileMode mode)
    {
        var fd = Libc.Open(path, Libc.O_WRONLY | Libc.O_APPEND | Libc.O_CREAT | Libc.O_CLOEXEC, (uint)mode);
        if (fd < 0) throw SyscallException.FromErrno($"open({path})");
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>One write(2) of the whole buffer at the file's end: the bytes written (fewer when the disk is full), or
    /// -1 with the errno in <see cref="Marshal.GetLastPInvokeError"/>.</summary>
    public static nint Append(SafeFileHandle file, ReadOnlySpan<byte> data) => Libc.Write(file, data, (nuint)data.Length);
}
