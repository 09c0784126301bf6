using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    [LibraryImport(Library, EntryPoint = "btf__free")]
    internal static partial void BtfFree(nint btf);
}
