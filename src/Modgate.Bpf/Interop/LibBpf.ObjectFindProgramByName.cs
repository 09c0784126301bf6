using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    [LibraryImport(Library, EntryPoint = "bpf_object__find_program_by_name", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint ObjectFindProgramByName(BpfObjectHandle obj, string name);
}
