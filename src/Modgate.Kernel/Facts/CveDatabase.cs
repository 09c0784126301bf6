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
        // CVE-YYYY-NNNN…
        var span = id.AsSpan();
        return span.Length > 9 && span[8] == '-' && long.TryParse(span.Slice(4, 4), out var year) && long.TryParse(span[9..], out var number)
            ? year * 100_000_000 + number : 0;
    }
}

/// <summary>
/// The bundled CVE → module facts (see data/README.md for provenance and limits). A CVE counts for the
/// module whose code the fix changed; callers resolve the modules an autoload pulls in (dependencies) themselves.
/// </summary>
public sealed class CveDatabase
{
    // Each module's CVEs, newest first, without duplicates.
    private readonly Dictionary<string, KernelCve[]> _byModule;

    public CveDatabase(IEnumerable<KernelCve> cves)
    {
        _byModule = cves.GroupBy(c => c.Module, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.DistinctBy(c => c.Id).OrderByDescending(c => c.Recency).ToArray(), StringComparer.Ordinal);
        Count = _byModule.Values.Sum(l => l.Length);
    }

    /// <summary>(CVE, module) pairs held.</summary>
    public int Count { get; }

    /// <summary>The bundled dataset plus the notable autoload CVEs.</summary>
    public static CveDatabase Bundled()
    {
        var cves = new List<KernelCve>(12_000);
        var main = TsvTable.Embedded("kernel-cve-modules.tsv");
        int cve = main.Column("cve"), module = main.Column("module"), date = main.Column("published"), fixedIn = main.Column("fixed_in"), summary = main.Column("summary");
        foreach (var row in main.Rows)
            cves.Add(new KernelCve(row[cve], row[module], ParseDate(row[date]), row[fixedIn], row[summary], false));
        var notable = TsvTable.Embedded("notable-autoload-cves.tsv");
        foreach (var row in notable.Rows)
            cves.Add(new KernelCve(notable.Get(row, "cve"), notable.Get(row, "module"), null, "", notable.Get(row, "note"), true));
        return new CveDatabase(cves);
    }

    /// <summary>A module's CVEs, newest first.</summary>
    public IReadOnlyList<KernelCve> ForModule(string module) =>
        _byModule.TryGetValue(module.Contains('-') ? module.Replace('-', '_') : module, out var list) ? list : [];

    /// <summary>The distinct CVEs of a set of modules, newest first.</summary>
    public IReadOnlyList<KernelCve> ForModules(IReadOnlyCollection<string> modules)
    {
        if (modules.Count == 1) return ForModule(modules.First());
        return modules.SelectMany(ForModule).DistinctBy(c => c.Id).OrderByDescending(c => c.Recency).ToList();
    }

    // yyyy-MM-dd without the culture machinery of DateOnly.ParseExact: 11,700 of them at every start.
    private static DateOnly? ParseDate(string text) =>
        text.Length == 10 && int.TryParse(text.AsSpan(0, 4), out var y) && int.TryParse(text.AsSpan(5, 2), out var m) && int.TryParse(text.AsSpan(8, 2), out var d)
            && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d) : null;
}
