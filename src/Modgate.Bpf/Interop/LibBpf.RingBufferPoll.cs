using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <returns>Records consumed, or a negative error (-EINTR when a signal arrived).</returns>
    [LibraryImport(Library, EntryPoint = "ring_buffer__poll", SetLastError = true)]
    internal static partial int RingBufferPoll(RingBufferHandle ringBuffer, int timeoutMs);
}
