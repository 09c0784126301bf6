using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Modgate.Bpf.Interop;

internal static partial class Libc
{
    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(SafeFileHandle fd, ReadOnlySpan<byte> buffer, nuint count);
}
