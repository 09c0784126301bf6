using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Cli.Exposure;

/// <summary>
/// One row of the module view of `modgate exposure`: a module with every request that reaches it. Its trigger,
/// privilege and verdict are those of its easiest request (the least privilege; an open one before a blocked one),
/// its CVEs those of all its requests together (each counted over the module and what it pulls in).
/// </summary>
internal sealed record ModuleExposure(string Module, IReadOnlyList<ExposureRow> Requests, ExposureRow Easiest, int CveCount, KernelCve? Newest,
    string Verdict)
{
    /// <summary>The rows grouped by the module that answers them, in the analyzer's order of first appearance.</summary>
    public static IReadOnlyList<ModuleExposure> Group(IReadOnlyList<ExposureRow> rows, CompiledPolicy? policy) =>
        [.. rows.GroupBy(ModuleOf, StringComparer.Ordinal).Select(g => Of(g.Key, [.. g], policy))];

    /// <summary>The module a request is about: the one it loads, the one whose alias was disabled, or what it names.</summary>
    public static string ModuleOf(ExposureRow row)
    {
        var requested = row.Resolution.Modules;
        return row.Outcome switch
        {
            ExposureOutcome.Loads when row.Loads.Where(requested.Contains).ToList() is { Count: > 0 } loaded => string.Join(",", loaded),
            ExposureOutcome.Loads => string.Join(",", row.Loads),
            ExposureOutcome.NoModule => row.Disabled?.Module ?? "(none)",
            _ => string.Join(",", requested),
        };
    }

    public static int PrivilegeRank(ExposureRow row) => (int)row.PrivilegeFamily.Privilege;

    private static ModuleExposure Of(string module, List<ExposureRow> rows, CompiledPolicy? policy)
    {
        var ordered = rows.OrderBy(r => r.Open ? 0 : 1).ThenBy(PrivilegeRank).ThenBy(r => r.Request, StringComparer.Ordinal).ToList();
        var easiest = ordered.OrderBy(PrivilegeRank).ThenBy(r => r.Open ? 0 : 1).First();
        var verdictRow = ordered[0].Open ? ordered[0] : easiest;
        var cves = rows.SelectMany(r => r.Cves).DistinctBy(c => c.Id).ToList();
        var newest = cves.Count == 0 ? null : cves.MaxBy(c => c.Recency);
        return new ModuleExposure(module, [.. rows.OrderBy(PrivilegeRank).ThenBy(r => r.Request, StringComparer.Ordinal)], easiest, cves.Count, newest,
            ExposureVerdict.Of(verdictRow, policy));
    }
}
