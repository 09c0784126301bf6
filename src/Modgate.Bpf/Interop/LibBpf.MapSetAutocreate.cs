using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>bpf_map__set_autocreate: whether bpf_object__load creates this map (before load only).</summary>
    [LibraryImport(Library, EntryPoint = "bpf_map__set_autocreate", SetLastError = true)]
    internal static partial int MapSetAutocreate(nint map, [MarshalAs(UnmanagedType.U1)] bool autocreate);
}
