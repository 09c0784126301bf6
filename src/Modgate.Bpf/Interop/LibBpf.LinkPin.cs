using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    [LibraryImport(Library, EntryPoint = "bpf_link__pin", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LinkPin(BpfLinkHandle link, string path);
}
