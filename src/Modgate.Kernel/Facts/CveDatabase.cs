namespace Modgate.Kernel;

/// <summary>A kernel CVE attributed to a module (data/kernel-cve-modules.tsv, or the hand-curated notable list).</summary>
/// <param name="Published">When the record appeared; null for notable CVEs whose date the table does not give.</param>
/// <param name="Notable">From data/notable-autoload-cves.tsv: a well-known autoload exploit path.</param>
public sealed record KernelCve(string Id, string Module, DateOnly? Published, string FixedIn, string Summary, bool Notable);

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
        foreach (var row in main.Rows)
        {
            DateOnly? published = DateOnly.TryParseExact(main.Get(row, "published"), "yyyy-MM-dd", out var d) ? d : null;
            cves.Add(new KernelCve(main.Get(row, "cve"), main.Get(row, "module"), published, main.Get(row, "fixed_in"), main.Get(row, "summary"), false));
        }
        var notable = TsvTable.Embedded("notable-autoload-cves.tsv");
        foreach (var row in notable.Rows)
            cves.Add(new KernelCve(notable.Get(row, "cve"), notable.Get(row, "module"), null, "", notable.Get(row, "note"), true));
        return new CveDatabase(cves);
    }

    public IReadOnlyList<KernelCve> ForModule(string module) =>
        _byModule.TryGetValue(ModuleNameOf(module), out var list) ? list : [];

    /// <summary>The distinct CVEs of a set of modules, newest first (by CVE year and number when the date is unknown).</summary>
    public IReadOnlyList<KernelCve> ForModules(IEnumerable<string> modules) =>
        modules.SelectMany(ForModule).DistinctBy(c => c.Id).OrderByDescending(c => c, NewestFirst.Instance).ToList();

    private static string ModuleNameOf(string module) => module.Replace('-', '_');

    /// <summary>Orders by CVE id (year, then number): ids are assigned in time order, and notable ones carry no date.</summary>
    private sealed class NewestFirst : IComparer<KernelCve>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(KernelCve? x, KernelCve? y) => Key(x!).CompareTo(Key(y!));

        private static (int, long) Key(KernelCve c)
        {
            var parts = c.Id.Split('-');
            return parts.Length == 3 && int.TryParse(parts[1], out var year) && long.TryParse(parts[2], out var number) ? (year, number) : (0, 0);
        }
    }
}
