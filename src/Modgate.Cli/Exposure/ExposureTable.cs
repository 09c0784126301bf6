using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Cli.Exposure;

/// <summary>The human form of `modgate exposure`: an aligned table, notes on requests that load nothing, the summary line.</summary>
internal static class ExposureTable
{
    private static readonly string[] Headers = ["REQUEST", "MODULE", "TRIGGER", "PRIVILEGE NEEDED", "CVES", "NEWEST CVE", "VERDICT"];
    private static readonly int[] MaxWidths = [44, 44, 60, 30, 4, 16, 200];

    public static void Write(TextWriter output, IReadOnlyList<ExposureRow> rows, CompiledPolicy? policy, CveDatabase cves, ExposureSummary summary,
        string policyLabel, string treeDirectory, bool quiet, SurfaceSysctls? sysctls = null, string sysctlSource = "/proc/sys")
    {
        if (!quiet)
        {
            output.WriteLine($"Autoload exposure of {treeDirectory}, judged against {policyLabel}:");
            output.WriteLine();
            var cells = rows.Select(r => Cells(r, policy, cves)).ToList();
            var widths = Headers.Select((h, i) => Math.Min(MaxWidths[i], cells.Select(c => c[i].Length).Append(h.Length).Max())).ToArray();
            WriteRow(output, Headers, widths);
            foreach (var c in cells) WriteRow(output, c, widths);
            var silent = rows.Where(r => r.Outcome == ExposureOutcome.NoModule && r.Disabled is not null).ToList();
            if (silent.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("Requests that reach modprobe but load nothing here (a modgate request= rule still sees them):");
                foreach (var r in silent)
                {
                    var module = r.Disabled!.Module;
                    var where = r.Disabled.Site.StartsWith('(') ? "" : $" (alias disabled at {r.Disabled.Site})";
                    var via = rows.Where(o => o.Outcome == ExposureOutcome.Loads && o.Loads.Contains(module)).Select(o => o.Request).ToList();
                    output.WriteLine($"  {r.Request}: {module}'s request{where}; no module of this kernel answers it, so this request loads nothing. " +
                                     (via.Count > 0
                                         ? $"But {module} is reachable another way: {string.Join(", ", via)} load{(via.Count > 1 ? "" : "s")} it as a dependency."
                                         : $"{module}.ko can still be loaded by name (`modprobe {module}`, root only)."));
                }
            }
            if (sysctls is not null) WriteSysctls(output, rows, sysctls, sysctlSource);
            output.WriteLine();
            output.WriteLine("CVEs: the kernel CNA's records 2024-01…2026-08 mapped to modules, plus hand-picked notable autoload CVEs " +
                             "(data/README.md); counted over the module and what it pulls in. A count is not a risk rating.");
        }
        output.WriteLine(summary.Line(policyLabel));
    }

    // Each sysctl with its value and what it closes here: "dev.tty.ldisc_autoload = 0: … (10 rows closed)".
    private static void WriteSysctls(TextWriter output, IReadOnlyList<ExposureRow> rows, SurfaceSysctls sysctls, string source)
    {
        output.WriteLine();
        output.WriteLine($"Sysctls that change this surface (read from {source}):");
        foreach (var r in sysctls.Readings)
        {
            var closed = rows.Count(row => row.ClosedBy.Contains(r.Setting));
            var value = r.Value is null ? "" : $" = {r.Value}";
            output.WriteLine($"  {r.Name}{value}: {r.Effect}{(closed > 0 ? $" ({closed} row{(closed > 1 ? "s" : "")} closed)" : "")}");
        }
    }

    private static string[] Cells(ExposureRow r, CompiledPolicy? policy, CveDatabase cves)
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
        var newest = r.Cves.Count > 0 ? r.Cves[0].Id : "-";
        return [r.Request, module, r.Trigger, r.PrivilegeFamily.PrivilegeText + (r.PrivilegeFamily != r.Family ? $" (for {r.Prerequisite})" : ""), r.Cves.Count.ToString(), newest, ExposureVerdict.Of(r, policy)];
    }

    // The modules pulled in with it, those with the most CVEs first: the dependency is often the vulnerable part (diag pulls tipc).
    private static string Pulled(IEnumerable<string> dependencies, CveDatabase cves)
    {
        var list = dependencies.OrderByDescending(m => cves.ForModule(m).Count).ThenBy(m => m, StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "" : $" (+{string.Join(",", list)})";
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells, int[] widths)
    {
        var parts = new string[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            var text = cells[i].Length > widths[i] ? cells[i][..(widths[i] - 1)] + "…" : cells[i];
            parts[i] = i == cells.Count - 1 ? text : text.PadRight(widths[i]);
        }
        output.WriteLine(string.Join("  ", parts).TrimEnd());
    }
}
