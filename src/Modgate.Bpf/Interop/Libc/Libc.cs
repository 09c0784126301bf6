namespace Modgate.Bpf.Interop;

/// <summary>The few libc functions modgate's kernel side needs besides libbpf (one file per function).</summary>
internal static partial class Libc
{
    internal const string Library = "libc.so.6";
}
