using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>The BTF type id of NAME of that kind, or a negative error.</summary>
    [LibraryImport(Library, EntryPoint = "btf__find_by_name_kind", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int BtfFindByNameKind(nint btf, string name, uint kind);
}
