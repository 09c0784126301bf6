using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    /// <summary>key null: the first key. Fails with ENOENT after the last.</summary>
    [LibraryImport(Library, EntryPoint = "bpf_map_get_next_key", SetLastError = true)]
    internal static partial int MapGetNextKey(FileDescriptorHandle fd, void* key, void* nextKey);
}
