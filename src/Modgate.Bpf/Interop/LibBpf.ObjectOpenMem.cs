using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    /// <summary>The leading fields of struct bpf_object_open_opts; libbpf reads <c>sz</c> and treats the rest as zero.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ObjectOpenOptions
    {
        public nuint Size;
        public byte* ObjectName;
    }

    [LibraryImport(Library, EntryPoint = "bpf_object__open_mem", SetLastError = true)]
    internal static partial nint ObjectOpenMem(byte* buffer, nuint size, ObjectOpenOptions* options);
}
