using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>The program after <paramref name="previous"/> (0: the first), 0 after the last.</summary>
    [LibraryImport(Library, EntryPoint = "bpf_object__next_program")]
    internal static partial nint ObjectNextProgram(BpfObjectHandle obj, nint previous);
}
