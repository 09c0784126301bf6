using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    /// <summary>libbpf_print_fn_t: int (*)(enum libbpf_print_level level, const char *format, va_list args).</summary>
    [LibraryImport(Library, EntryPoint = "libbpf_set_print")]
    internal static partial nint SetPrint(delegate* unmanaged<int, byte*, nint, int> print);
}
