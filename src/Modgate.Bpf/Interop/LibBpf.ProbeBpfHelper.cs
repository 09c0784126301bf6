using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class LibBpf
{
    /// <summary>
    /// libbpf_probe_bpf_helper: loads a tiny program of the type that calls the helper; 1 when the verifier knows
    /// the helper, 0 when it says "invalid func"/"unknown func", negative on error (e.g. EPERM without CAP_BPF).
    /// </summary>
    [LibraryImport(Library, EntryPoint = "libbpf_probe_bpf_helper", SetLastError = true)]
    internal static partial int ProbeBpfHelper(int programType, int helper, nint options);
}
