using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>The descriptor of a libbpf link (owned by the link).</summary>
    [LibraryImport(Library, EntryPoint = "bpf_link__fd", SetLastError = true)]
    internal static partial int LinkFd(BpfLinkHandle link);
}
