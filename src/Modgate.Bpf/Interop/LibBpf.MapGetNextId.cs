using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>BPF_MAP_GET_NEXT_ID: the id of the next map after start_id; fails with ENOENT after the last.</summary>
    [LibraryImport(Library, EntryPoint = "bpf_map_get_next_id", SetLastError = true)]
    internal static partial int MapGetNextId(uint startId, out uint nextId);
}
