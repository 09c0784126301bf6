using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <param name="sampleCallback">int (*)(void *ctx, void *data, size_t size): called for each record during poll.</param>
    [LibraryImport(Library, EntryPoint = "ring_buffer__new", SetLastError = true)]
    internal static unsafe partial nint RingBufferNew(int mapFd, delegate* unmanaged<nint, nint, nuint, int> sampleCallback, nint context, nint options);
}
