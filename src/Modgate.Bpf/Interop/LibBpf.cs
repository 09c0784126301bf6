namespace Modgate.Bpf.Interop;

/// <summary>
/// The P/Invoke surface of libbpf (one file per native function, like dotnet/runtime's System.Native).
/// Nothing outside Modgate.Bpf sees these pointers: the owning types (BpfObject, BpfLink, BpfMap) wrap them.
/// libbpf 1.x returns negative error codes and also sets errno; the wrappers read errno via SetLastError.
/// </summary>
internal static partial class LibBpf
{
    internal const string Library = "libbpf.so.1";
}
