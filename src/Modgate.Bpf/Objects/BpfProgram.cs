using Modgate.Bpf.Interop;

namespace Modgate.Bpf;

/// <summary>A program of a loaded <see cref="BpfObject"/>; a view, owned by the object.</summary>
public sealed class BpfProgram
{
    private readonly BpfObject _owner;
    private readonly nint _pointer;

    internal BpfProgram(BpfObject owner, nint pointer, string name)
    {
        _owner = owner;
        _pointer = pointer;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Attaches the program where its section says (lsm/HOOK); the link keeps it attached until disposed or unpinned.</summary>
    public BpfLink Attach()
    {
        var pointer = LibBpf.ProgramAttach(_pointer);
        _owner.KeepAlive();
        if (pointer == 0) throw SyscallException.FromErrno($"bpf(BPF_LINK_CREATE) for {Name}");
        return new BpfLink(new BpfLinkHandle(pointer), Name);
    }
}
