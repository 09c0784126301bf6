using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>The program's ELF section ("lsm/capable"): libbpf's string, read with Marshal.PtrToStringUTF8, never freed.</summary>
    [LibraryImport(Library, EntryPoint = "bpf_program__section_name")]
    internal static partial nint ProgramSectionName(nint program);

    [LibraryImport(Library, EntryPoint = "bpf_program__name")]
    internal static partial nint ProgramName(nint program);
}
