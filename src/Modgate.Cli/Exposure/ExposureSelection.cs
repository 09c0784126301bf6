using Modgate.Kernel;

namespace Modgate.Cli.Exposure;

/// <summary>How the table is ordered: by CVE count (most first), by module name, or by the privilege a request needs (least first).</summary>
internal enum ExposureSort : byte
{
    Cves,
    Module,
    Privilege,
}

/// <summary>
/// Which rows `exposure` shows: by default those an unprivileged process can reach (except built-in answers);
/// --all every row; --privilege KEY the rows that need that privilege (from all rows); --open only rows whose
/// modules enter the kernel. The summary is computed over all rows either way.
/// </summary>
internal sealed record ExposureSelection(bool All, string? Privilege, bool OpenOnly)
{
    /// <summary>The privilege keys, as `--json` names them.</summary>
    public static readonly string[] PrivilegeKeys = ["none", "userns", "init", "device", "kernel"];

    public static string PrivilegeKey(PrivilegeNeeded privilege) => PrivilegeKeys[(int)privilege];

    public IReadOnlyList<ExposureRow> Apply(IReadOnlyList<ExposureRow> rows) =>
    [
        .. rows.Where(r => Privilege is null
                ? All || (r.ReachableUnprivileged && r.Outcome != ExposureOutcome.BuiltinOnly)
                : PrivilegeKey(r.PrivilegeFamily.Privilege) == Privilege && (All || r.Outcome != ExposureOutcome.BuiltinOnly))
            .Where(r => !OpenOnly || r.Open),
    ];

    public static IReadOnlyList<ModuleExposure> Sort(IReadOnlyList<ModuleExposure> modules, ExposureSort sort) => sort switch
    {
        ExposureSort.Module => [.. modules.OrderBy(m => m.Module, StringComparer.Ordinal)],
        ExposureSort.Privilege => [.. modules.OrderBy(m => ModuleExposure.PrivilegeRank(m.Easiest)).ThenByDescending(m => m.CveCount)
            .ThenBy(m => m.Module, StringComparer.Ordinal)],
        _ => [.. modules.OrderByDescending(m => m.CveCount).ThenBy(m => m.Module, StringComparer.Ordinal)],
    };

    /// <summary>The per-request rows in the analyzer's order, or ordered by SORT.</summary>
    public static IReadOnlyList<ExposureRow> Sort(IReadOnlyList<ExposureRow> rows, ExposureSort? sort) => sort switch
    {
        null => rows,
        ExposureSort.Module => [.. rows.OrderBy(ModuleExposure.ModuleOf, StringComparer.Ordinal).ThenBy(r => r.Request, StringComparer.Ordinal)],
        ExposureSort.Privilege => [.. rows.OrderBy(ModuleExposure.PrivilegeRank).ThenByDescending(r => r.Cves.Count)
            .ThenBy(r => r.Request, StringComparer.Ordinal)],
        _ => [.. rows.OrderByDescending(r => r.Cves.Count).ThenBy(r => r.Request, StringComparer.Ordinal)],
    };
}
