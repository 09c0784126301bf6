namespace Modgate.Bpf.Interop;

/// <summary>The few libc functions modgate needs besides libbpf and what .NET offers (one file per function).</summary>
internal static partial class Libc
{
    internal const string Library = "libc.so.6";
}
