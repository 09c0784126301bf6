using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    [LibraryImport(Library, EntryPoint = "bpf_prog_get_fd_by_id", SetLastError = true)]
    internal static partial int ProgGetFdById(uint id);
}
