using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>The running kernel's BTF (/sys/kernel/btf/vmlinux); free with <see cref="BtfFree"/>. Null (errno set) on failure.</summary>
    [LibraryImport(Library, EntryPoint = "btf__load_vmlinux_btf", SetLastError = true)]
    internal static partial nint BtfLoadVmlinux();
}
