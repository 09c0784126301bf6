using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    [LibraryImport(Library, EntryPoint = "bpf_map_update_elem", SetLastError = true)]
    internal static partial int MapUpdateElem(FileDescriptorHandle fd, void* key, void* value, ulong flags);
}
