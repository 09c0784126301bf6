using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>libbpf_probe_bpf_map_type: 1 when the kernel creates maps of this type, 0 when not, negative on error.</summary>
    [LibraryImport(Library, EntryPoint = "libbpf_probe_bpf_map_type", SetLastError = true)]
    internal static partial int ProbeBpfMapType(int mapType, nint options);
}
