using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static unsafe partial class Libc
{
    /// <summary>Formats libbpf's messages; <paramref name="args"/> is a va_list (x86-64: a pointer to its 24-byte state).</summary>
    [LibraryImport(Library, EntryPoint = "vsnprintf")]
    internal static partial int Vsnprintf(byte* buffer, nuint size, byte* format, nint args);
}
