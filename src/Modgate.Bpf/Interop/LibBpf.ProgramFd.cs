using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>The descriptor of a loaded program of an object (owned by the object).</summary>
    [LibraryImport(Library, EntryPoint = "bpf_program__fd", SetLastError = true)]
    internal static partial int ProgramFd(nint program);
}
