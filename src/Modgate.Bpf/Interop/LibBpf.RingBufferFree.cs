using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    [LibraryImport(Library, EntryPoint = "ring_buffer__free")]
    internal static partial void RingBufferFree(nint ringBuffer);
}
