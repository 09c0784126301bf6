using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static unsafe partial class Libc
{
    /// <summary>Replaces the calling thread's process image; returns only on failure.</summary>
    [LibraryImport(Library, EntryPoint = "execvp", SetLastError = true)]
    internal static partial int Execvp(byte* file, byte** argv);
}
