using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    [LibraryImport(Library, EntryPoint = "bpf_map__fd", SetLastError = true)]
    internal static partial int MapFd(nint map);
}
