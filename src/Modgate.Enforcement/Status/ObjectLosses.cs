using Modgate.Bpf;
using Modgate.Bpf.Kernel;
using Modgate.Enforcement.BpfLsm;

namespace Modgate.Enforcement.Status;

/// <summary>
/// What enforcement loses with the reduced BPF object (kernels 5.7–5.16, see modgate.bpf.c), one reason per missing
/// piece with the kernel that brings it. The full object loses nothing. What the reduced object replaces without loss
/// (bpf_get_current_task_btf, bpf_task_pt_regs, bpf_find_vma) is not listed.
/// </summary>
public static class ObjectLosses
{
    private static readonly Version TaskStorage = new(5, 11);
    private static readonly Version Loop = new(5, 17);

    /// <summary>The object in force: the one the first apply recorded, else the one this kernel's version implies.</summary>
    public static BpfObjectVariant InUse(Version? kernel, LoadedObjectRecord? record) =>
        record?.Variant ?? (kernel is null || BpfFeatures.ImpliedBy(kernel).All ? BpfObjectVariant.Full : BpfObjectVariant.Reduced);

    public static IReadOnlyList<string> Of(BpfObjectVariant variant, Version? kernel) => variant == BpfObjectVariant.Full ? [] :
    [
        ProcessModes(kernel),
        Reason(kernel, TaskStorage, "origin=autoload reaches only the modprobe the kernel starts, not the programs it runs (no BPF task storage)"),
        Reason(kernel, Loop, "explicit loads of module images with more than 128 sections are judged without a name (no bpf_loop)"),
    ];

    /// <summary>Whether the object has this program: the reduced one lacks those that work on task storage.</summary>
    public static bool Has(BpfObjectVariant variant, string program) =>
        variant == BpfObjectVariant.Full || program is not ("mg_task_alloc" or "mg_bprm_committed_creds");

    /// <summary>Why `modgate exec`, `restrict` and `status --pid` cannot work with the reduced object.</summary>
    public static string ProcessModes(Version? kernel) => Reason(kernel, TaskStorage, "per-process modes unavailable (no BPF task storage)");

    /// <summary>The reason for the running kernel and the object in force (for the commands that need per-process modes).</summary>
    public static string ProcessModesHere() => ProcessModes(KernelVersion.Parse(KernelVersion.Release()));

    private static string Reason(Version? kernel, Version min, string loss) =>
        kernel is not null && kernel < min
            ? $"kernel {kernel.Major}.{kernel.Minor} < {min.Major}.{min.Minor}: {loss}"
            : $"the reduced BPF object is in use ({BpfObjectChoice.EnvironmentVariable}=reduced at apply): {loss}";
}
