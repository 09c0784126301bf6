using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    internal const int ProgTypeTracing = 26; // BPF_PROG_TYPE_TRACING
    internal const int AttachTraceFentry = 24; // BPF_TRACE_FENTRY
    internal const int AttachModifyReturn = 26; // BPF_MODIFY_RETURN

    [LibraryImport(Library, EntryPoint = "bpf_program__set_type")]
    internal static partial int ProgramSetType(nint program, int type);

    [LibraryImport(Library, EntryPoint = "bpf_program__set_expected_attach_type")]
    internal static partial int ProgramSetExpectedAttachType(nint program, int type);

    [LibraryImport(Library, EntryPoint = "bpf_program__set_attach_target", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ProgramSetAttachTarget(nint program, int attachProgramFd, string functionName);
}
