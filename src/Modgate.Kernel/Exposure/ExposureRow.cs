using Modgate.Policy;

namespace Modgate.Kernel;

/// <summary>What modprobe does with a request on this kernel, before any modgate policy.</summary>
public enum ExposureOutcome : byte
{
    /// <summary>At least one module (with its dependencies) is inserted.</summary>
    Loads,
    /// <summary>modprobe finds a module but modprobe.d stops it (blacklist for an alias, or an install command that loads nothing).</summary>
    BlockedByModprobeConfig,
    /// <summary>The request names only built-in modules: nothing new enters the kernel.</summary>
    BuiltinOnly,
    /// <summary>The kernel makes this request only once another module is in (see <see cref="ExposureRow.Prerequisite"/>), and nothing reachable loads it.</summary>
    NeedsPrerequisite,
    /// <summary>The request reaches modprobe, which finds no module.</summary>
    NoModule,
}

/// <summary>One request an unprivileged (or, with --all, any) process can make the kernel issue, and what follows.</summary>
/// <param name="Request">The request string (as written in modules.alias, or generated from its family).</param>
/// <param name="Family">The reviewed family: trigger and privilege.</param>
/// <param name="Trigger">The family's trigger with this request's fields named.</param>
/// <param name="Resolution">What modprobe -R gives.</param>
/// <param name="Outcome">What modprobe then does.</param>
/// <param name="Loads">Loadable modules inserted: dependencies and soft dependencies first, the requested modules last.</param>
/// <param name="ModprobeBlock">For <see cref="ExposureOutcome.BlockedByModprobeConfig"/>: the modprobe.d line that stops it.</param>
/// <param name="Disabled">The distribution's disabled alias this request would have matched (the module the request used to load).</param>
/// <param name="Cves">Known CVEs of every module in <see cref="Loads"/>, newest first.</param>
/// <param name="Decision">The policy's decision for an unprivileged caller; null when judged against the stock kernel.</param>
/// <param name="Prerequisite">A request whose module must be in the kernel before the kernel makes this one (sock_diag), or null.</param>
/// <param name="PrivilegeFamily">The family whose privilege applies: this request's, or its prerequisite's when that needs more.</param>
public sealed record ExposureRow(
    string Request,
    RequestFamily Family,
    string Trigger,
    AliasResolution Resolution,
    ExposureOutcome Outcome,
    IReadOnlyList<string> Loads,
    string? ModprobeBlock,
    DisabledAlias? Disabled,
    IReadOnlyList<KernelCve> Cves,
    Decision? Decision,
    string? Prerequisite,
    RequestFamily PrivilegeFamily)
{
    /// <summary>The request can be issued by an unprivileged user (directly or in an unprivileged user namespace).</summary>
    public bool ReachableUnprivileged => PrivilegeFamily.Privilege is PrivilegeNeeded.None or PrivilegeNeeded.UserNamespace;

    /// <summary>
    /// The running kernel's sysctls that close this row for an unprivileged user (<c>dev.tty.ldisc_autoload=0</c>…);
    /// empty when none does or none were read (see <see cref="SurfaceSysctls"/>).
    /// </summary>
    public IReadOnlyList<string> ClosedBy { get; init; } = [];

    /// <summary>The policy (if any) lets the request through: modules enter the kernel unless a sysctl closes the row.</summary>
    public bool AllowedByPolicy => Outcome == ExposureOutcome.Loads && (Decision is null || Decision.Verdict == Verdict.Allow);

    /// <summary>Modules enter the kernel: modprobe loads something, the policy (if any) lets it, and no sysctl closes it.</summary>
    public bool Open => AllowedByPolicy && ClosedBy.Count == 0;
}
