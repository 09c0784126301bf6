using Modgate.Bpf;
using Modgate.Bpf.Kernel;

namespace Modgate.Enforcement.BpfLsm;

/// <summary>
/// Which build of modgate's programs the first apply loaded, how it attached them, and what the kernel's probes found,
/// kept in /run/modgate for `status`, `exec`, `restrict` and `lock` (they may not probe: probing loads BPF programs).
/// </summary>
public sealed record LoadedObjectRecord(BpfObjectVariant Variant, BpfFeatures Features, HookAttachment Hooks = HookAttachment.Lsm)
{
    public const string DefaultPath = "/run/modgate/bpf-object";

    public void Save(string path = DefaultPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".new";
        File.WriteAllLines(temp, [$"object={BpfObjectChoice.Name(Variant)}", $"task_storage={Bit(Features.TaskStorage)}",
            $"get_current_task_btf={Bit(Features.CurrentTaskBtf)}", $"task_pt_regs={Bit(Features.TaskPtRegs)}",
            $"loop={Bit(Features.Loop)}", $"find_vma={Bit(Features.FindVma)}", $"hooks={HookAttachments.Name(Hooks)}"]);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The record, or null when there is none or it does not read as one (status then judges by the kernel version).</summary>
    public static LoadedObjectRecord? Read(string path = DefaultPath)
    {
        if (!File.Exists(path)) return null;
        var values = File.ReadAllLines(path).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        bool Has(string key) => values.GetValueOrDefault(key) == "1";
        return values.TryGetValue("object", out var name) && BpfObjectChoice.Parse(name) is { } variant
            ? new LoadedObjectRecord(variant, new BpfFeatures(Has("task_storage"), Has("get_current_task_btf"), Has("task_pt_regs"), Has("loop"), Has("find_vma")),
                HookAttachments.Parse(values.GetValueOrDefault("hooks", "lsm")) ?? HookAttachment.Lsm)
            : null;
    }

    public static void Remove(string path = DefaultPath)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    private static char Bit(bool value) => value ? '1' : '0';
}
