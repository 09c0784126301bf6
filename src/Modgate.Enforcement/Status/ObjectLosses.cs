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

    /// <summary>Whether the object has this program, as libbpf finds it in the embedded object: which programs the
    /// reduced one leaves out is decided by the #ifdefs of modgate.bpf.c alone, not restated here.</summary>
    public static bool Has(BpfObjectVariant variant, string program) =>
        (variant == BpfObjectVariant.Full ? FullPrograms : ReducedPrograms).Value.Contains(program);

    private static readonly Lazy<IReadOnlySet<string>> FullPrograms = new(() => ProgramsOf(BpfObjectVariant.Full));
    private static readonly Lazy<IReadOnlySet<string>> ReducedPrograms = new(() => ProgramsOf(BpfObjectVariant.Reduced));

    private static IReadOnlySet<string> ProgramsOf(BpfObjectVariant variant)
    {
        try
        {
            using var obj = BpfObject.OpenEmbedded(variant);
            return ModgateObject.Programs.All.Where(obj.HasProgram).ToHashSet();
        }
        catch (DllNotFoundException)
        {
            // Without libbpf the object cannot be read (nor attached): expect every program, so that status still
            // answers and names each one it does not find attached.
            return ModgateObject.Programs.All.ToHashSet();
        }
    }

    /// <summary>Why `modgate exec`, `restrict` and `status --pid` cannot work with the reduced object.</summary>
    public static string ProcessModes(Version? kernel) => Reason(kernel, TaskStorage, "per-process modes unavailable (no BPF task storage)");

    /// <summary>The reason for the running kernel and the object in force (for the commands that need per-process modes).</summary>
    public static string ProcessModesHere() => ProcessModes(KernelVersion.Parse(KernelVersion.Release()));

    private static string Reason(Version? kernel, Version min, string loss) =>
        kernel is not null && kernel < min
            ? $"kernel {kernel.Major}.{kernel.Minor} < {min.Major}.{min.Minor}: {loss}"
            : $"the reduced BPF object is in use ({BpfObjectChoice.EnvironmentVariable}=reduced at apply): {loss}";
}
