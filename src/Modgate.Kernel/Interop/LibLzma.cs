using System.Runtime.InteropServices;

namespace Modgate.Kernel.Interop;

/// <summary>The system's liblzma (Debian's liblzma5): single-call .xz decoding.</summary>
internal static partial class LibLzma
{
    private const string Library = "liblzma.so.5";

    internal const int Ok = 0;
    internal const int StreamEnd = 1;
    internal const int MemLimitError = 6;
    internal const int BufError = 10;

    /// <summary>
    /// lzma_stream_buffer_decode: decodes a whole .xz stream from memory. Returns LZMA_BUF_ERROR when
    /// the output buffer is too small (the caller retries with a larger one).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "lzma_stream_buffer_decode")]
    internal static unsafe partial int StreamBufferDecode(ulong* memoryLimit, uint flags, IntPtr allocator,
        byte* input, nuint* inputPosition, nuint inputSize, byte* output, nuint* outputPosition, nuint outputSize);
}
