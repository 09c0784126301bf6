using Modgate.Bpf.Interop;

namespace Modgate.Bpf;

/// <summary>An attached program. Pinning hands ownership to bpffs: the attachment then outlives this process.</summary>
public sealed class BpfLink : IDisposable
{
    private readonly BpfLinkHandle _handle;

    internal BpfLink(BpfLinkHandle handle, string programName)
    {
        _handle = handle;
        ProgramName = programName;
    }

    public string ProgramName { get; }

    public void Pin(string path)
    {
        var result = LibBpf.LinkPin(_handle, path);
        if (result < 0) throw SyscallException.FromResult($"bpf(BPF_OBJ_PIN, {path})", result);
    }

    public void Dispose() => _handle.Dispose();
}
