using Microsoft.Win32.SafeHandles;

namespace Modgate.Bpf.Interop;

/// <summary>Owns a libbpf <c>struct ring_buffer *</c> (its epoll descriptor and the mappings of the buffer).</summary>
internal sealed class RingBufferHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public RingBufferHandle() : base(ownsHandle: true) { }

    internal RingBufferHandle(nint pointer) : base(ownsHandle: true) => SetHandle(pointer);

    protected override bool ReleaseHandle()
    {
        LibBpf.RingBufferFree(handle);
        return true;
    }
}
