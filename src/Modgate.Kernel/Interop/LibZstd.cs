using System.Runtime.InteropServices;

namespace Modgate.Kernel.Interop;

/// <summary>The system's libzstd (Debian's libzstd1), streaming decompression only.</summary>
internal static partial class LibZstd
{
    private const string Library = "libzstd.so.1";

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct InBuffer
    {
        public byte* Src;
        public nuint Size;
        public nuint Pos;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct OutBuffer
    {
        public byte* Dst;
        public nuint Size;
        public nuint Pos;
    }

    [LibraryImport(Library, EntryPoint = "ZSTD_createDCtx")]
    internal static partial IntPtr CreateDCtx();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeDCtx")]
    internal static partial nuint FreeDCtx(IntPtr context);

    [LibraryImport(Library, EntryPoint = "ZSTD_decompressStream")]
    internal static unsafe partial nuint DecompressStream(IntPtr context, OutBuffer* output, InBuffer* input);

    [LibraryImport(Library, EntryPoint = "ZSTD_isError")]
    internal static partial uint IsError(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_getErrorName")]
    internal static partial IntPtr GetErrorName(nuint code);
}
