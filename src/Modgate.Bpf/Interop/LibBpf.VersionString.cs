using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>"v1.1" for libbpf 1.1.x: a static string owned by libbpf, never freed (so not marshalled as a string).</summary>
    [LibraryImport(Library, EntryPoint = "libbpf_version_string")]
    internal static partial nint VersionString();
}
