using Microsoft.Win32.SafeHandles;

namespace Modgate.Bpf.Interop;

/// <summary>A file descriptor of a BPF object (map, program, link) or a pidfd; owned ones are closed on release.</summary>
internal sealed class FileDescriptorHandle : SafeHandleMinusOneIsInvalid
{
    public FileDescriptorHandle() : base(ownsHandle: true) { }

    internal FileDescriptorHandle(int fd, bool ownsHandle) : base(ownsHandle) => SetHandle(fd);

    internal int Fd => (int)handle;

    /// <summary>The descriptor a bpf() call returned, owned (closed on dispose); a negative result is that call's error.</summary>
    internal static FileDescriptorHandle Owned(int result, string call) =>
        result >= 0 ? new FileDescriptorHandle(result, ownsHandle: true) : throw SyscallException.FromResult(call, result);

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
