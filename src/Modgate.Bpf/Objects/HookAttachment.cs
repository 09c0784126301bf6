namespace Modgate.Bpf;

/// <summary>
/// How modgate's programs reach the kernel's LSM hooks. <see cref="Lsm"/>: as BPF LSM programs (BPF_LSM_MAC), which run
/// only when `bpf` is in the kernel's active LSM list (lsm=). <see cref="FmodRet"/>: the same programs attached as
/// fmod_ret (BPF_MODIFY_RETURN) to the kernel's security_HOOK functions, which the verifier allows whether or not BPF
/// LSM is active (Ubuntu's default lsm= lacks bpf); hooks that return nothing get fentry instead. Both stop the hook at
/// the first program that returns non-zero, so the programs behave the same (docs/enforcement.md).
/// </summary>
public enum HookAttachment
{
    Lsm,
    FmodRet,
}

public static class HookAttachments
{
    /// <summary>The name `status` shows for the backend that uses this attachment.</summary>
    public static string BackendName(HookAttachment attachment) => attachment == HookAttachment.Lsm ? "bpf-lsm" : "bpf-fmod-ret";

    public static string Name(HookAttachment attachment) => attachment == HookAttachment.Lsm ? "lsm" : "fmod_ret";

    public static HookAttachment? Parse(string name) =>
        name switch { "lsm" => HookAttachment.Lsm, "fmod_ret" => HookAttachment.FmodRet, _ => null };

    /// <summary>LSM hooks of modgate's programs whose security_ function returns void: fentry, since fmod_ret needs a return value.</summary>
    public static readonly IReadOnlySet<string> VoidHooks = new HashSet<string>(StringComparer.Ordinal) { "bprm_committed_creds" };
}
