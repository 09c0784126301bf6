using Modgate.Bpf;

namespace Modgate.Enforcement.Applying;

/// <summary>The backend the first apply tries (SPEC.md §5, docs/enforcement.md "Backends").</summary>
public enum Backend
{
    BpfLsm,
    BpfFmodRet,
    Fallback,
}

public static class BackendChoice
{
    /// <summary>
    /// Overrides the choice: <c>bpf-lsm</c>, <c>bpf-fmod-ret</c> or <c>fallback</c> (e.g. the fallback group's guest tests,
    /// or fmod_ret on a kernel whose lsm= has bpf). Read here only.
    /// </summary>
    public const string EnvironmentVariable = "MODGATE_BACKEND";

    /// <summary>BPF LSM where `bpf` is an active LSM; else the same programs on security_* functions (fmod_ret).</summary>
    public static Backend For(bool bpfLsmActive, string? forced) => forced?.Trim().ToLowerInvariant() switch
    {
        null or "" => bpfLsmActive ? Backend.BpfLsm : Backend.BpfFmodRet,
        "bpf-lsm" => Backend.BpfLsm,
        "bpf-fmod-ret" => Backend.BpfFmodRet,
        "fallback" => Backend.Fallback,
        _ => throw new ConfigurationException($"{EnvironmentVariable}={forced}: expected bpf-lsm, bpf-fmod-ret or fallback"),
    };

    public static string? Forced => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } v ? v : null;

    public static HookAttachment Hooks(Backend backend) => backend == Backend.BpfFmodRet ? HookAttachment.FmodRet : HookAttachment.Lsm;
}
