using Modgate.Bpf.Interop;

namespace Modgate.Bpf;

/// <summary>
/// A BPF program: either one of a loaded <see cref="BpfObject"/> (a view the object owns and keeps alive while it is
/// used) or one opened by its kernel id (owning its descriptor, closed on dispose).
/// </summary>
public sealed class BpfProgram : IDisposable
{
    private readonly BpfObject? _owner;
    private readonly nint _pointer;
    private readonly FileDescriptorHandle? _fd;

    internal BpfProgram(BpfObject owner, nint pointer, string name)
    {
        _owner = owner;
        _pointer = pointer;
        Name = name;
    }

    private BpfProgram(FileDescriptorHandle fd, string name) => (_fd, Name) = (fd, name);

    public string Name { get; }

    /// <summary>Opens a program by its kernel id (BPF_PROG_GET_FD_BY_ID, needs CAP_SYS_ADMIN); ENOENT once it is freed.</summary>
    public static BpfProgram FromId(uint id) =>
        new BpfProgram(FileDescriptorHandle.Owned(LibBpf.ProgGetFdById(id), $"bpf(BPF_PROG_GET_FD_BY_ID, {id})"), $"program {id}");

    /// <summary>Attaches the program where its section says (lsm/HOOK); the link keeps it attached until disposed or unpinned.</summary>
    public BpfLink Attach()
    {
        if (_owner is null) throw new InvalidOperationException($"{Name} was opened by id: only a program of a loaded object attaches by its section");
        var pointer = LibBpf.ProgramAttach(_pointer);
        _owner.KeepAlive();
        if (pointer == 0) throw SyscallException.FromErrno($"bpf(BPF_LINK_CREATE) for {Name}");
        return new BpfLink(new BpfLinkHandle(pointer), Name);
    }

    /// <summary>The kernel's id, name and the ids of every map the program uses.</summary>
    public unsafe BpfProgramInfo Info()
    {
        using var fd = Descriptor();
        var info = default(LibBpf.ProgramInfo);
        KernelObjectInfo.Read(fd, ref info, Name);
        // The kernel fills map_ids only as far as nr_map_ids says: ask again with room for all of them (a loaded
        // program's maps do not change).
        var mapIds = new uint[info.MapIdCount];
        fixed (uint* ids = mapIds)
        {
            info = default;
            info.MapIdCount = (uint)mapIds.Length;
            info.MapIds = (ulong)ids;
            KernelObjectInfo.Read(fd, ref info, Name);
        }
        _owner?.KeepAlive();
        return new BpfProgramInfo(info.Id, KernelObjectInfo.Name(info.Name), mapIds);
    }

    // An object's program has the object's descriptor (borrowed); one opened by id has its own.
    private FileDescriptorHandle Descriptor()
    {
        if (_fd is not null) return new FileDescriptorHandle(_fd.Fd, ownsHandle: false);
        var fd = LibBpf.ProgramFd(_pointer);
        if (fd < 0) throw SyscallException.FromResult($"bpf_program__fd({Name})", fd);
        return new FileDescriptorHandle(fd, ownsHandle: false);
    }

    public void Dispose() => _fd?.Dispose();
}
