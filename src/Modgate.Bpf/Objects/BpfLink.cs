using Modgate.Bpf.Interop;

namespace Modgate.Bpf;

/// <summary>
/// An attached program: either created by <see cref="BpfProgram.Attach"/> (disposing it detaches, unless it was
/// pinned: pinning hands ownership to bpffs and the attachment then outlives this process) or opened from its pin
/// (disposing it only closes the descriptor; unpinning the last reference detaches).
/// </summary>
public sealed class BpfLink : IDisposable
{
    private readonly BpfLinkHandle? _attached;
    private readonly FileDescriptorHandle? _opened;

    internal BpfLink(BpfLinkHandle handle, string name) => (_attached, Name) = (handle, name);

    private BpfLink(FileDescriptorHandle fd, string name) => (_opened, Name) = (fd, name);

    /// <summary>The program's name for a link this process attached, the pin's path for one opened from a pin.</summary>
    public string Name { get; }

    /// <summary>Opens a pinned link (bpf_obj_get); the descriptor is owned and closed on dispose.</summary>
    public static BpfLink OpenPinned(string path) =>
        new BpfLink(FileDescriptorHandle.Owned(LibBpf.ObjGet(path), $"bpf(BPF_OBJ_GET, {path})"), path);

    public void Pin(string path)
    {
        var result = _attached is not null ? LibBpf.LinkPin(_attached, path) : LibBpf.ObjPin(_opened!, path);
        if (result < 0) throw SyscallException.FromResult($"bpf(BPF_OBJ_PIN, {path})", result);
    }

    /// <summary>The kernel's id of the link and of the program it attaches.</summary>
    public BpfLinkInfo Info()
    {
        var info = default(LibBpf.LinkInfo);
        if (_opened is not null)
        {
            KernelObjectInfo.Read(_opened, ref info, Name);
        }
        else
        {
            var fd = LibBpf.LinkFd(_attached!);
            if (fd < 0) throw SyscallException.FromResult($"bpf_link__fd({Name})", fd);
            using var borrowed = new FileDescriptorHandle(fd, ownsHandle: false);
            KernelObjectInfo.Read(borrowed, ref info, Name);
            GC.KeepAlive(_attached);
        }
        return new BpfLinkInfo(info.Id, info.ProgramId);
    }

    public void Dispose()
    {
        _attached?.Dispose();
        _opened?.Dispose();
    }
}
