using Modgate.Cli.Output;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Cli.Exposure;

/// <summary>
/// The human form of `modgate exposure`: the summary first, then one row per module (or with --requests one per
/// request), fitted to the output's width; then notes on requests that load nothing, the sysctls, what the CVE
/// counts mean.
/// </summary>
internal static class ExposureTable
{
    // Columns in the order a reader scans them; priority: 0 stays whole, higher gives way sooner.
    private static readonly TableColumn[] ModuleColumns =
    [
        // A request that resolves to several modules names them all: "camellia_x86_64,camellia_generic".
        new("MODULE", Priority: 2, MinWidth: 24),
        new("CVES", AlignRight: true),
        new("NEWEST CVE", Priority: 3, MinWidth: 14),
        new("PRIVILEGE", Priority: 4, MinWidth: 14),
        // 30 keeps "blocked: autoload privileged…" and "open (complain mode; would be…" readable.
        new("VERDICT", Priority: 1, MinWidth: 30),
        new("REQUESTS", Priority: 6, MinWidth: 28),
        new("TRIGGER", Priority: 5, MinWidth: 20),
    ];

    private static readonly TableColumn[] RequestColumns =
    [
        new("REQUEST"),
        new("MODULE", Priority: 2, MinWidth: 20),
        new("TRIGGER", Priority: 6, MinWidth: 20),
        new("PRIVILEGE NEEDED", Priority: 4, MinWidth: 16),
        new("CVES", AlignRight: true),
        new("NEWEST CVE", Priority: 3, MinWidth: 14),
        new("VERDICT", Priority: 1, MinWidth: 30),
    ];

    public sealed record View(bool PerRequest, ExposureSort? Sort);

    public static void Write(TextWriter output, OutputStyle style, IReadOnlyList<ExposureRow> rows, CompiledPolicy? policy, CveDatabase cves,
        ExposureSummary summary, string policyLabel, string treeDirectory, bool quiet, View view, SurfaceSysctls? sysctls = null,
        string sysctlSource = "/proc/sys")
    {
        if (quiet)
        {
            // The one line scripts read (the same as --json's summary.line), never wrapped.
            output.WriteLine(summary.Line(policyLabel));
            return;
        }
        WriteProse(output, style, $"Autoload exposure of {treeDirectory}, judged against {policyLabel}:");
        WriteProse(output, style, summary.Line(policyLabel), summary.OpenModules > 0 ? Hue.Bad : Hue.Good);
        output.WriteLine();
        var layout = view.PerRequest
            ? TextTable.Layout(RequestColumns, [.. ExposureSelection.Sort(rows, view.Sort).Select(r => RequestCells(r, policy, cves))], style)
            : TextTable.Layout(ModuleColumns,
                [.. ExposureSelection.Sort(ModuleExposure.Group(rows, policy), view.Sort ?? ExposureSort.Cves).Select(ModuleCells)], style);
        if (rows.Count == 0) output.WriteLine("(no request matches)");
        else foreach (var line in layout.Lines) output.WriteLine(line);
        if (layout.LeftOut.Count > 0)
            WriteProse(output, style, $"({string.Join(", ", layout.LeftOut)} left out to fit {style.Width} columns; --wide prints every column)");

        var silent = rows.Where(r => r.Outcome == ExposureOutcome.NoModule && r.Disabled is not null).ToList();
        if (silent.Count > 0)
        {
            output.WriteLine();
            WriteProse(output, style, "Requests that reach modprobe but load nothing here (a modgate request= rule still sees them):");
            foreach (var r in silent)
            {
                var module = r.Disabled!.Module;
                var where = r.Disabled.Site.StartsWith('(') ? "" : $" (alias disabled at {r.Disabled.Site})";
                var via = rows.Where(o => o.Outcome == ExposureOutcome.Loads && o.Loads.Contains(module)).Select(o => o.Request).ToList();
                WriteProse(output, style, $"  {r.Request}: {module}'s request{where}; no module of this kernel answers it, so this request loads nothing. " +
                                          (via.Count > 0
                                              ? $"But {module} is reachable another way: {string.Join(", ", via)} load{(via.Count > 1 ? "" : "s")} it as a dependency."
                                              : $"{module}.ko can still be loaded by name (`modprobe {module}`, root only)."));
            }
        }
        if (sysctls is not null) WriteSysctls(output, style, rows, sysctls, sysctlSource);
        output.WriteLine();
        WriteProse(output, style, "CVEs: the kernel CNA's records 2024-01…2026-08 mapped to modules, plus hand-picked notable autoload CVEs " +
                                  "(data/README.md); counted over the module and what it pulls in" +
                                  (view.PerRequest ? "" : " (--requests lists each request with what it loads)") + ". A count is not a risk rating.");
    }

    /// <summary>Green for what is closed, red for what is open, yellow for what only complain mode lets through.</summary>
    public static Hue VerdictHue(string verdict) =>
        verdict.StartsWith("open (complain", StringComparison.Ordinal) ? Hue.Caution
        : verdict.StartsWith("open", StringComparison.Ordinal) ? Hue.Bad
        : verdict.StartsWith("blocked", StringComparison.Ordinal) || verdict.StartsWith("closed", StringComparison.Ordinal) ? Hue.Good
        : Hue.None;

    private static void WriteProse(TextWriter output, OutputStyle style, string line, Hue hue = Hue.None)
    {
        foreach (var part in Fitting.Wrap(line, style.Width, "    ")) output.WriteLine(style.With(hue, part));
    }

    // Each sysctl with its value and what it closes here: "dev.tty.ldisc_autoload = 0: … (10 rows closed)".
    private static void WriteSysctls(TextWriter output, OutputStyle style, IReadOnlyList<ExposureRow> rows, SurfaceSysctls sysctls, string source)
    {
        output.WriteLine();
        WriteProse(output, style, $"Sysctls that change this surface (read from {source}):");
        foreach (var r in sysctls.Readings)
        {
            var closed = rows.Count(row => row.ClosedBy.Contains(r.Setting));
            var value = r.Value is null ? "" : $" = {r.Value}";
            WriteProse(output, style, $"  {r.Name}{value}: {r.Effect}{(closed > 0 ? $" ({closed} row{(closed > 1 ? "s" : "")} closed)" : "")}");
        }
    }

    private static TableCell[] ModuleCells(ModuleExposure m) =>
    [
        m.Module,
        m.CveCount.ToString(),
        m.Newest?.Id ?? "-",
        Privilege(m.Easiest),
        new(m.Verdict, VerdictHue(m.Verdict)),
        TableCell.List([.. m.Requests.Select(r => r.Request)]),
        m.Easiest.Trigger,
    ];

    private static TableCell[] RequestCells(ExposureRow r, CompiledPolicy? policy, CveDatabase cves)
    {
        var requested = r.Resolution.Modules;
        var module = r.Outcome switch
        {
            ExposureOutcome.NoModule => r.Disabled is { } d ? $"({d.Module}: alias disabled)" : "(none)",
            ExposureOutcome.BuiltinOnly => string.Join(",", requested) + " (built in)",
            ExposureOutcome.BlockedByModprobeConfig => string.Join(",", requested),
            ExposureOutcome.NeedsPrerequisite => string.Join(",", requested) + " (not reachable)",
            _ => string.Join(",", r.Loads.Where(requested.Contains)) + Pulled(r.Loads.Where(m => !requested.Contains(m)), cves),
        };
        var verdict = ExposureVerdict.Of(r, policy);
        return [r.Request, module, r.Trigger, Privilege(r), r.Cves.Count.ToString(), r.Cves.Count > 0 ? r.Cves[0].Id : "-", new(verdict, VerdictHue(verdict))];
    }

    private static string Privilege(ExposureRow r) =>
        r.PrivilegeFamily.PrivilegeText + (r.PrivilegeFamily != r.Family ? $" (for {r.Prerequisite})" : "");

    // The modules pulled in with it, those with the most CVEs first: the dependency is often the vulnerable part (diag pulls tipc).
    private static string Pulled(IEnumerable<string> dependencies, CveDatabase cves)
    {
        var list = dependencies.OrderByDescending(m => cves.ForModule(m).Count).ThenBy(m => m, StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "" : $" (+{string.Join(",", list)})";
    }
}
