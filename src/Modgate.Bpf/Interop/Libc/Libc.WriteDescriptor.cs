using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class Libc
{
    /// <summary>write(2) on a descriptor number this process does not own as a handle (stdout, stderr).</summary>
    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint WriteDescriptor(int descriptor, byte* buffer, nuint count);
}
