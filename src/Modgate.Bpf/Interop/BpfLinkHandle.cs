using Microsoft.Win32.SafeHandles;

namespace Modgate.Bpf.Interop;

/// <summary>Owns a libbpf <c>struct bpf_link *</c>: destroying it detaches the program unless the link is pinned.</summary>
internal sealed class BpfLinkHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public BpfLinkHandle() : base(ownsHandle: true) { }

    internal BpfLinkHandle(nint pointer) : base(ownsHandle: true) => SetHandle(pointer);

    protected override bool ReleaseHandle()
    {
        return LibBpf.LinkDestroy(handle) == 0;
    }
}
