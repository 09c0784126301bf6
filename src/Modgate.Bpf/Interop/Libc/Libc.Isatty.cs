using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class Libc
{
    [LibraryImport(Library, EntryPoint = "isatty")]
    internal static partial int IsAtty(int descriptor);
}
