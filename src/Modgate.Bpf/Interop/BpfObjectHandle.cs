using Microsoft.Win32.SafeHandles;

namespace Modgate.Bpf.Interop;

/// <summary>Owns a libbpf <c>struct bpf_object *</c>: closing it unloads programs and maps not pinned or attached.</summary>
internal sealed class BpfObjectHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public BpfObjectHandle() : base(ownsHandle: true) { }

    internal BpfObjectHandle(nint pointer) : base(ownsHandle: true) => SetHandle(pointer);

    protected override bool ReleaseHandle()
    {
        LibBpf.ObjectClose(handle);
        return true;
    }
}
