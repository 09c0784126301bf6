using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static unsafe partial class LibBpf
{
    /// <summary>struct bpf_object_open_opts up to kernel_log_level (libbpf 1.0); libbpf reads <c>sz</c> and treats the rest as zero.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ObjectOpenOptions
    {
        public nuint Size;
        public byte* ObjectName;
        public byte RelaxedMaps;
        public byte* PinRootPath;
        public uint RemovedAttachProgFd;
        public byte* Kconfig;
        public byte* BtfCustomPath;
        public byte* KernelLogBuffer;
        public nuint KernelLogSize;
        public uint KernelLogLevel;
    }

    /// <summary>BPF_LOG_STATS: the verifier reports only its totals (instructions processed, states, time).</summary>
    internal const uint LogStats = 4;

    [LibraryImport(Library, EntryPoint = "bpf_object__open_mem", SetLastError = true)]
    internal static partial nint ObjectOpenMem(byte* buffer, nuint size, ObjectOpenOptions* options);
}
