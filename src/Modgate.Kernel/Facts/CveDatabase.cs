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
        var cves = ReadMainTable(TsvTable.EmbeddedText("kernel-cve-modules.tsv"));
        var notable = TsvTable.Embedded("notable-autoload-cves.tsv");
        foreach (var row in notable.Rows)
            cves.Add(new KernelCve(notable.Get(row, "cve"), notable.Get(row, "module"), null, "", notable.Get(row, "note"), true));
        return new CveDatabase(cves);
    }

    // The 2.4 MB table is read at every start of `exposure`: walk it as spans and make strings only for the five
    // columns used, one string per distinct module name (the table's header must be the documented one).
    private static List<KernelCve> ReadMainTable(string text)
    {
        const string header = "cve\tmodule\tpublished\tfixed_in\tsummary\t";
        if (!text.StartsWith(header, StringComparison.Ordinal))
            throw new InvalidDataException("kernel-cve-modules.tsv: the header does not start with " + header.Replace('\t', ' '));
        var cves = new List<KernelCve>(12_000);
        var modules = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var number = 1;
        Span<Range> fields = stackalloc Range[6];
        foreach (var line in text.AsSpan(text.IndexOf('\n') + 1).EnumerateLines())
        {
            number++;
            if (line.IsEmpty) continue;
            if (line.Split(fields, '\t') < 6) throw new InvalidDataException($"kernel-cve-modules.tsv:{number}: fewer than 6 fields");
            var moduleSpan = line[fields[1]];
            if (!modules.TryGetValue(moduleSpan, out var module)) modules[moduleSpan] = module = moduleSpan.ToString();
            cves.Add(new KernelCve(line[fields[0]].ToString(), module, ParseDate(line[fields[2]]), line[fields[3]].ToString(), line[fields[4]].ToString(), false));
        }
        return cves;
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
    private static DateOnly? ParseDate(ReadOnlySpan<char> text) =>
        text.Length == 10 && int.TryParse(text[..4], out var y) && int.TryParse(text.Slice(5, 2), out var m) && int.TryParse(text.Slice(8, 2), out var d)
            && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d) : null;
}
