using Modgate.Bpf.Maps;
using Modgate.Policy;

namespace Modgate.Enforcement.Tables;

/// <summary>
/// Builds the two indexes of one table so that the kernel finds, for any string, the rules whose name keys match it
/// without looking at other rules. Every known string (module names, literal aliases, literal patterns) gets an exact
/// hash entry, computed with the reference glob matcher; any other string falls back to its longest prefix entry,
/// whose list holds the rules whose prefix patterns cover every string below it. Patterns with an inner wildcard
/// cannot be represented by a prefix: a deny rule is then indexed by its literal prefix (fail-closed, reported
/// as an approximation), an allow rule or grant is not (fail-closed too).
/// </summary>
internal sealed class CandidateIndexBuilder
{
    private const int MaxKeyBytes = MapConstants.StringLength - 3; // what the kernel can ask for: 55 bytes + NUL

    private readonly IndexTable _table;
    private readonly IReadOnlyList<NameMatcher> _items;
    private readonly IRequestCatalog _catalog;
    private readonly string[] _keys;                         // sorted, ordinal
    private readonly IReadOnlyDictionary<string, List<int>>? _keysByModule; // module -> key positions resolving to it
    private readonly IReadOnlyDictionary<string, List<Glob>> _aliasesByModule;
    private readonly HashSet<int> _unconditional;

    public CandidateIndexBuilder(IndexTable table, IReadOnlyList<NameMatcher> items, IRequestCatalog catalog)
    {
        _table = table;
        _items = items;
        _unconditional = items.Where(i => i.Unconditional).Select(i => i.Index).ToHashSet();
        _catalog = catalog;
        var keys = CatalogKeys.Of(catalog, table, items.SelectMany(i => i.Direct ?? []).Where(g => g.IsLiteral).Select(g => g.Pattern));
        _keys = keys.Keys;
        _keysByModule = keys.KeysByModule;
        _aliasesByModule = keys.AliasesByModule;
    }

    public List<string> Approximations { get; } = [];

    public (List<IndexEntry> Literal, List<IndexEntry> Prefix) Build()
    {
        // Exact lists for every known string.
        var perKey = new List<int>?[_keys.Length];
        var prefixesOf = new List<(IReadOnlyList<string>? Direct, IReadOnlyList<string>? Resolved)>(_items.Count);
        foreach (var item in _items)
        {
            var direct = item.Direct is null ? null : DirectKeys(item.Direct);
            var resolved = item.Resolved is null ? null : ResolvedKeys(item.Resolved);
            IEnumerable<int> matched = (direct, resolved) switch
            {
                (null, null) => Enumerable.Range(0, _keys.Length),
                (not null, null) => direct,
                (null, not null) => resolved,
                _ => direct.Intersect(resolved),
            };
            foreach (var k in matched) (perKey[k] ??= []).Add(item.Index);
            prefixesOf.Add((item.Direct is null ? null : DirectPrefixes(item), item.Resolved is null ? null : ResolvedPrefixes(item)));
        }

        // Prefix entries: every prefix some item covers from; each list = the items covering every string below it.
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _items.Count; i++)
        {
            var (d, r) = prefixesOf[i];
            if (d is null && r is null) prefixes.Add("");
            foreach (var p in d ?? []) prefixes.Add(p);
            foreach (var p in r ?? []) prefixes.Add(p);
            if (d is not null && r is not null)
                foreach (var a in d)
                    foreach (var b in r)
                        prefixes.Add(a.Length >= b.Length ? a : b);
        }
        var prefixLists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var q in prefixes)
        {
            if (System.Text.Encoding.UTF8.GetByteCount(q) > MaxKeyBytes) continue;
            var list = new List<int>();
            for (var i = 0; i < _items.Count; i++)
                if (Covers(prefixesOf[i].Direct, q) && Covers(prefixesOf[i].Resolved, q)) list.Add(_items[i].Index);
            list = Finish(list, $"strings starting with '{q}'");
            if (list.Count > 0) prefixLists[q] = list;
        }

        var literal = new List<IndexEntry>();
        for (var k = 0; k < _keys.Length; k++)
        {
            var list = Finish(perKey[k] ?? [], $"'{_keys[k]}'");
            var fallback = LongestPrefixList(prefixLists, _keys[k]);
            if (!list.SequenceEqual(fallback)) literal.Add(new IndexEntry(_table, _keys[k], false, list));
        }
        var prefix = prefixLists.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new IndexEntry(_table, p.Key, true, p.Value)).ToList();
        return (literal, prefix);
    }

    private static bool Covers(IReadOnlyList<string>? prefixes, string q) =>
        prefixes is null || prefixes.Any(p => q.StartsWith(p, StringComparison.Ordinal));

    private static IReadOnlyList<int> LongestPrefixList(Dictionary<string, List<int>> lists, string key)
    {
        // Few prefixes (the usual case): compare each, no substring per length of the key.
        if (lists.Count <= key.Length)
        {
            List<int>? best = null;
            var bestLength = -1;
            foreach (var (prefix, list) in lists)
                if (prefix.Length > bestLength && key.StartsWith(prefix, StringComparison.Ordinal)) (best, bestLength) = (list, prefix.Length);
            return best ?? [];
        }
        for (var n = key.Length; n >= 0; n--)
            if (lists.TryGetValue(key[..n], out var list)) return list;
        return [];
    }

    // In order; nothing after an allow/deny that needs no other key can ever be reached.
    private List<int> Finish(List<int> list, string what)
    {
        list.Sort();
        var cut = list.FindIndex(_unconditional.Contains);
        if (cut >= 0) list = list[..(cut + 1)];
        if (list.Count > MapConstants.MaxCandidates)
        {
            var first = _items.First(i => i.Index == list[0]);
            throw new TableLimitException(
                $"{list.Count} rules can match {what} in the {_table.ToString().ToLowerInvariant()} table (the kernel tables hold {MapConstants.MaxCandidates}; first: {first.Origin}): merge rules or narrow their keys");
        }
        return list;
    }

    private IEnumerable<int> DirectKeys(IReadOnlyList<Glob> globs)
    {
        var found = new SortedSet<int>();
        foreach (var glob in globs)
        {
            if (glob.IsLiteral)
            {
                var at = Array.BinarySearch(_keys, glob.Pattern, StringComparer.Ordinal);
                if (at >= 0) found.Add(at);
            }
            else if (glob.IsPrefixPattern)
            {
                var start = LowerBound(glob.LiteralPrefix);
                for (var i = start; i < _keys.Length && _keys[i].StartsWith(glob.LiteralPrefix, StringComparison.Ordinal); i++) found.Add(i);
            }
            else
            {
                for (var i = LowerBound(glob.LiteralPrefix); i < _keys.Length && _keys[i].StartsWith(glob.LiteralPrefix, StringComparison.Ordinal); i++)
                    if (glob.Matches(_keys[i])) found.Add(i);
            }
        }
        return found;
    }

    private IEnumerable<int> ResolvedKeys(IReadOnlyList<Glob> moduleGlobs)
    {
        var found = new SortedSet<int>();
        foreach (var module in ModulesMatching(moduleGlobs))
            if (_keysByModule!.TryGetValue(module, out var keys)) found.UnionWith(keys);
        return found;
    }

    private IEnumerable<string> ModulesMatching(IReadOnlyList<Glob> moduleGlobs) =>
        moduleGlobs.All(g => g.IsLiteral)
            ? moduleGlobs.Select(g => g.Pattern).Distinct(StringComparer.Ordinal)
            : _catalog.ModuleNames.Where(m => moduleGlobs.Any(g => g.Matches(m)));

    private List<string> DirectPrefixes(NameMatcher item)
    {
        var result = new List<string>();
        foreach (var glob in item.Direct!)
        {
            if (glob.IsPrefixPattern) result.Add(glob.LiteralPrefix);
            else if (!glob.IsLiteral) Approximate(item, glob.Pattern, result);
        }
        return result;
    }

    private List<string> ResolvedPrefixes(NameMatcher item)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var approximated = new List<string>();
        foreach (var module in ModulesMatching(item.Resolved!))
        {
            if (!_aliasesByModule.TryGetValue(module, out var aliases)) continue;
            foreach (var alias in aliases)
            {
                if (alias.IsPrefixPattern) result.Add(alias.LiteralPrefix);
                else if (!alias.IsLiteral && item.DenyLike) approximated.Add(ApproximatePrefix(alias));
            }
        }
        if (approximated.Count > 0)
        {
            Approximations.Add($"{item.Origin}: {approximated.Count} alias patterns with inner wildcards are matched by their literal prefix (fail-closed)");
            result.UnionWith(approximated);
        }
        return result.ToList();
    }

    private void Approximate(NameMatcher item, string pattern, List<string> result)
    {
        if (item.DenyLike)
        {
            result.Add(ApproximatePrefix(new Glob(pattern)));
            Approximations.Add($"{item.Origin}: '{pattern}' is matched by its literal prefix for strings outside the module tree (fail-closed)");
        }
        else
        {
            Approximations.Add($"{item.Origin}: '{pattern}' matches only strings of the module tree (not indexable by prefix; fail-closed)");
        }
    }

    // Hardware aliases ("pci:v00008086d*sv*") are cut at the bus prefix: coarse, but only ever widens a deny.
    private static string ApproximatePrefix(Glob glob)
    {
        var colon = glob.LiteralPrefix.IndexOf(':');
        return colon >= 0 ? glob.LiteralPrefix[..(colon + 1)] : glob.LiteralPrefix;
    }

    private int LowerBound(string prefix)
    {
        var at = Array.BinarySearch(_keys, prefix, StringComparer.Ordinal);
        return at >= 0 ? at : ~at;
    }
}
