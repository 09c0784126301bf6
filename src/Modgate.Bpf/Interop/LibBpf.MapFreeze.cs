using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>BPF_MAP_FREEZE: bpf() can no longer write the map (programs still can, unless BPF_F_RDONLY_PROG); one way.</summary>
    [LibraryImport(Library, EntryPoint = "bpf_map_freeze", SetLastError = true)]
    internal static partial int MapFreeze(FileDescriptorHandle fd);
}
