using Modgate.Kernel;

namespace Modgate.Cli.Exposure;

/// <summary>The counts of the summary line, over the requests an unprivileged process can make the kernel issue.</summary>
internal sealed record ExposureSummary(
    int ReachableModules,
    int WithoutPrivilege,
    int ThroughUserNamespace,
    int ModulesWithCves,
    int RequestsLoadingNothing,
    int OpenModules,
    int BlockedByModprobeConfig,
    int ClosedBySysctl,
    bool SysctlsRead)
{
    /// <param name="sysctlsRead">Sysctls were read (the running kernel's, or --proc-sys): rows may be closed by them.</param>
    public static ExposureSummary Of(IReadOnlyList<ExposureRow> rows, CveDatabase cves, bool sysctlsRead = false)
    {
        var reachable = rows.Where(r => r.ReachableUnprivileged).ToList();
        var loading = reachable.Where(r => r.Outcome == ExposureOutcome.Loads).ToList();
        var withoutPrivilege = loading.Where(r => r.PrivilegeFamily.Privilege == PrivilegeNeeded.None).SelectMany(r => r.Loads).ToHashSet(StringComparer.Ordinal);
        var all = loading.SelectMany(r => r.Loads).ToHashSet(StringComparer.Ordinal);
        var open = reachable.Where(r => r.Open).SelectMany(r => r.Loads).ToHashSet(StringComparer.Ordinal);
        // What the policy lets through but a sysctl closes, unless another row opens it anyway.
        var closed = reachable.Where(r => r.AllowedByPolicy && r.ClosedBy.Count > 0).SelectMany(r => r.Loads)
            .Where(m => !open.Contains(m)).ToHashSet(StringComparer.Ordinal);
        return new ExposureSummary(
            all.Count,
            withoutPrivilege.Count,
            all.Count - withoutPrivilege.Count,
            all.Count(m => cves.ForModule(m).Count > 0),
            reachable.Count(r => r.Outcome == ExposureOutcome.NoModule),
            open.Count,
            reachable.Count(r => r.Outcome == ExposureOutcome.BlockedByModprobeConfig),
            closed.Count,
            sysctlsRead);
    }

    public string Line(string policyLabel) =>
        $"{ReachableModules} modules reachable by unprivileged autoload ({WithoutPrivilege} without any privilege, " +
        $"{ThroughUserNamespace} more through an unprivileged user namespace), {ModulesWithCves} with known CVEs; " +
        $"{RequestsLoadingNothing} requests reach modprobe but load nothing on this kernel; " +
        $"under {policyLabel}: {OpenModules} open" +
        (SysctlsRead ? $", {ClosedBySysctl} more closed by sysctls" : "");
}
