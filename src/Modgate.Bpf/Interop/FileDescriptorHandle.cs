using Microsoft.Win32.SafeHandles;

namespace Modgate.Bpf.Interop;

/// <summary>A file descriptor of a BPF object (map, program, link) or a pidfd; owned ones are closed on release.</summary>
internal sealed class FileDescriptorHandle : SafeHandleMinusOneIsInvalid
{
    public FileDescriptorHandle() : base(ownsHandle: true) { }

    internal FileDescriptorHandle(int fd, bool ownsHandle) : base(ownsHandle) => SetHandle(fd);

    internal int Fd => (int)handle;

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
