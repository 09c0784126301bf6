namespace Modgate.Kernel;

/// <summary>A kernel CVE attributed to a module (data/kernel-cve-modules.tsv, or the hand-curated notable list).</summary>
/// <param name="Published">When the record appeared; null for notable CVEs whose date the table does not give.</param>
/// <param name="Notable">From data/notable-autoload-cves.tsv: a well-known autoload exploit path.</param>
public sealed record KernelCve(string Id, string Module, DateOnly? Published, string FixedIn, string Summary, bool Notable)
{
    /// <summary>Year and number of the id as one number: ids are assigned in time order, and notable ones carry no date.</summary>
    public long Recency { get; } = RecencyOf(Id);

    private static long RecencyOf(string id)
    {
        var parts = id.Split('-');
        return parts.Length == 3 && long.TryParse(parts[1], out var year) && long.TryParse(parts[2], out var number) ? year * 100_000_000 + number : 0;
    }
}

/// <summary>
/// The bundled CVE → module facts (see data/README.md for provenance and limits). A CVE counts for the
/// module whose code the fix changed; callers resolve the modules an autoload pulls in (dependencies) themselves.
/// </summary>
public sealed class CveDatabase
{
    private readonly Dictionary<string, List<KernelCve>> _byModule;

    public CveDatabase(IEnumerable<KernelCve> cves)
    {
        _byModule = new Dictionary<string, List<KernelCve>>(StringComparer.Ordinal);
        foreach (var cve in cves)
        {
            if (!_byModule.TryGetValue(cve.Module, out var list)) _byModule[cve.Module] = list = [];
            if (!list.Any(c => c.Id == cve.Id)) list.Add(cve);
        }
        Count = _byModule.Values.Sum(l => l.Count);
    }

    /// <summary>(CVE, module) pairs held.</summary>
    public int Count { get; }

    /// <summary>The bundled dataset plus the notable autoload CVEs.</summary>
    public static CveDatabase Bundled()
    {
        var cves = new List<KernelCve>();
        var main = TsvTable.Embedded("kernel-cve-modules.tsv");
        int cve = main.Column("cve"), module = main.Column("module"), date = main.Column("published"), fixedIn = main.Column("fixed_in"), summary = main.Column("summary");
        foreach (var row in main.Rows)
            cves.Add(new KernelCve(row[cve], row[module], ParseDate(row[date]), row[fixedIn], row[summary], false));
        var notable = TsvTable.Embedded("notable-autoload-cves.tsv");
        foreach (var row in notable.Rows)
            cves.Add(new KernelCve(notable.Get(row, "cve"), notable.Get(row, "module"), null, "", notable.Get(row, "note"), true));
        return new CveDatabase(cves);
    }

    public IReadOnlyList<KernelCve> ForModule(string module) =>
        _byModule.TryGetValue(ModuleNameOf(module), out var list) ? list : [];

    /// <summary>The distinct CVEs of a set of modules, newest first (by CVE year and number when the date is unknown).</summary>
    public IReadOnlyList<KernelCve> ForModules(IEnumerable<string> modules) =>
        modules.SelectMany(ForModule).DistinctBy(c => c.Id).OrderByDescending(c => c.Recency).ToList();

    private static string ModuleNameOf(string module) => module.Replace('-', '_');

    // yyyy-MM-dd without the culture machinery of DateOnly.ParseExact: 11,700 of them at every start.
    private static DateOnly? ParseDate(string text) =>
        text.Length == 10 && int.TryParse(text.AsSpan(0, 4), out var y) && int.TryParse(text.AsSpan(5, 2), out var m) && int.TryParse(text.AsSpan(8, 2), out var d)
            && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d) : null;
}
