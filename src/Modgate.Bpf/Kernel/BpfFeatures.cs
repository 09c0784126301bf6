using Modgate.Bpf.Interop;

namespace Modgate.Bpf.Kernel;

/// <summary>
/// What the kernel offers modgate's programs beyond BPF LSM itself. The full object needs all of it (kernels ≥ 5.17);
/// the reduced object (5.7–5.16) needs none. <see cref="Probe"/> asks the running kernel; <see cref="ImpliedBy"/>
/// reads the first kernel that had each, for callers that may not probe (probing loads BPF programs: root only).
/// </summary>
public sealed record BpfFeatures(bool TaskStorage, bool CurrentTaskBtf, bool TaskPtRegs, bool Loop, bool FindVma)
{
    // Linux UAPI numbers (include/uapi/linux/bpf.h).
    private const int MapTypeTaskStorage = 29;
    private const int ProgramTypeKprobe = 2;
    private const int HelperGetCurrentTaskBtf = 158;
    private const int HelperTaskPtRegs = 175;
    private const int HelperFindVma = 180;
    private const int HelperLoop = 181;

    public bool All => TaskStorage && CurrentTaskBtf && TaskPtRegs && Loop && FindVma;

    /// <summary>
    /// Probes the running kernel with libbpf (map creation, helper calls in a kprobe program, which reaches the same
    /// tracing helpers as LSM programs). Needs CAP_BPF or root; an error of a probe throws <see cref="SyscallException"/>.
    /// </summary>
    public static BpfFeatures Probe() => new(
        Answer("libbpf_probe_bpf_map_type(BPF_MAP_TYPE_TASK_STORAGE)", LibBpf.ProbeBpfMapType(MapTypeTaskStorage, 0)),
        Helper("bpf_get_current_task_btf", HelperGetCurrentTaskBtf),
        Helper("bpf_task_pt_regs", HelperTaskPtRegs),
        Helper("bpf_loop", HelperLoop),
        Helper("bpf_find_vma", HelperFindVma));

    /// <summary>The features a mainline kernel of this version has (docs/enforcement.md, "Kernel requirements").</summary>
    public static BpfFeatures ImpliedBy(Version kernel) => new(
        kernel >= new Version(5, 11), kernel >= new Version(5, 11), kernel >= new Version(5, 15),
        kernel >= new Version(5, 17), kernel >= new Version(5, 17));

    private static bool Helper(string name, int helper) =>
        Answer($"libbpf_probe_bpf_helper(BPF_PROG_TYPE_KPROBE, {name})", LibBpf.ProbeBpfHelper(ProgramTypeKprobe, helper, 0));

    private static bool Answer(string call, int result) =>
        result >= 0 ? result == 1 : throw SyscallException.FromResult(call, result);
}
