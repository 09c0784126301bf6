using Modgate.Enforcement.Lock;
using Modgate.Policy;

namespace Modgate.Enforcement.Applying;

/// <summary>Why an apply left the policy in force unchanged (or <see cref="None"/> when it applied).</summary>
public enum ApplyFailure
{
    None,
    /// <summary>The policy has errors (its diagnostics say where).</summary>
    PolicyErrors,
    /// <summary>No module tree to resolve module= rules against.</summary>
    NoModuleTree,
    /// <summary>The kernel tables cannot express the policy.</summary>
    TableLimit,
    /// <summary>Not root, or the kernel refused a bpf() call with EPERM/EACCES.</summary>
    PermissionDenied,
    /// <summary>bpf is not in the active LSM list.</summary>
    NoBpfLsm,
    /// <summary>The policy in force is locked until reboot.</summary>
    Locked,
    /// <summary>The verifier refused the programs, or a bpf() call failed.</summary>
    KernelError,
    /// <summary>MODGATE_BACKEND or MODGATE_BPF_OBJECT has a value modgate does not know.</summary>
    Configuration,
}

/// <summary>
/// What one apply did, for `modgate apply` and `modgate agent` alike: the diagnostics of the policy, the notes on
/// approximations (null when no tables were built), and either the generation now in force or why nothing changed.
/// </summary>
/// <param name="Errors">Lines saying why the apply failed, without the "modgate: COMMAND: " prefix the caller adds.</param>
public sealed record ApplyResult(
    ApplyFailure Failure,
    IReadOnlyList<string> Errors,
    LoadResult Loaded,
    CompiledPolicy? Policy,
    IReadOnlyList<string>? Approximations,
    uint Generation)
{
    public bool Applied => Failure == ApplyFailure.None;

    /// <summary>Set when BPF LSM was missing and the fallback backends enforce what they can (partial).</summary>
    public Fallback.FallbackPlan? Fallback { get; init; }

    /// <summary>Why the fallback was used, with the kernel command-line fix.</summary>
    public string? FallbackReason { get; init; }

    /// <summary>What the policy's `lock` directive did (null when it has none, or when the fallback backends enforce it).</summary>
    public LockOutcome? Lock { get; init; }

    /// <summary>Why the `lock` directive failed: the policy is applied, but not locked.</summary>
    public string? LockError { get; init; }

    /// <summary>The kind of that failure: <see cref="ApplyFailure.PermissionDenied"/> or <see cref="ApplyFailure.KernelError"/>.</summary>
    public ApplyFailure LockFailure { get; init; }

    /// <summary>The one line `apply` prints on success (after "modgate: ").</summary>
    public string Summary => Policy is not { } policy ? "" :
        $"applied policy {policy.Digest[..Math.Min(19, policy.Digest.Length)]} (generation {Generation}): " +
        $"autoload {PolicyWords.Of(policy.AutoloadMode)}, load {PolicyWords.Of(policy.LoadMode)}, unload {PolicyWords.Of(policy.UnloadMode)}, " +
        $"{policy.Rules.Count} rules, default {PolicyWords.Of(policy.Default)}" +
        (policy.Enforcement == EnforcementMode.Complain ? ", complain mode" : "");
}
