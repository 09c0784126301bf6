using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>struct bpf_obj_get_opts of libbpf 1.0 (sz first: newer libbpf versions accept the shorter struct).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ObjGetOptions
    {
        public nuint Size;
        public uint FileFlags;
        private readonly uint _padding;
    }

    /// <summary>BPF_F_RDONLY: a descriptor that can read the map but not write it.</summary>
    internal const uint ReadOnlyFileFlag = 1u << 3;

    [LibraryImport(Library, EntryPoint = "bpf_obj_get_opts", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ObjGetOpts(string path, in ObjGetOptions options);
}
