using System.Runtime.CompilerServices;
using Modgate.Bpf.Maps;
using Modgate.Policy;

namespace Modgate.Enforcement.Tables;

/// <summary>
/// The strings a table indexes exactly (module names, and for request tables the literal aliases), sorted, with the
/// keys each module is reached by (resolved as modprobe would): everything <see cref="CandidateIndexBuilder"/> needs from the module tree. It depends on the catalog
/// alone, so it is kept per catalog instance and table kind: the agent's reloads then only match the policy's rules.
/// </summary>
internal sealed class CatalogKeys
{
    private const int MaxKeyBytes = MapConstants.StringLength - 3; // what the kernel can ask for: 55 bytes + NUL
    private static readonly ConditionalWeakTable<IRequestCatalog, Dictionary<IndexTable, CatalogKeys>> Cache = new();

    private CatalogKeys(string[] keys, Dictionary<string, IReadOnlyList<string>>? resolved, Dictionary<string, List<int>>? keysByModule,
        Dictionary<string, List<Glob>> aliasesByModule)
    {
        Keys = keys;
        _resolved = resolved;
        KeysByModule = keysByModule;
        AliasesByModule = aliasesByModule;
    }

    private readonly Dictionary<string, IReadOnlyList<string>>? _resolved; // autoload: what each key resolves to

    /// <summary>Sorted (ordinal), each at most the kernel's key length.</summary>
    public string[] Keys { get; }
    public IReadOnlyDictionary<string, List<int>>? KeysByModule { get; }
    public IReadOnlyDictionary<string, List<Glob>> AliasesByModule { get; }

    /// <summary>
    /// The keys of a table: the catalog's, computed once per catalog instance (the agent keeps one between reloads);
    /// with literal patterns the catalog does not know, those are added and only they are resolved anew.
    /// </summary>
    public static CatalogKeys Of(IRequestCatalog catalog, IndexTable table, IEnumerable<string> literalPatterns)
    {
        var perTable = Cache.GetValue(catalog, _ => []);
        CatalogKeys keys;
        lock (perTable)
        {
            if (!perTable.TryGetValue(table, out keys!)) perTable[table] = keys = Compute(catalog, table, null, []);
        }
        var extra = literalPatterns.Where(p => Array.BinarySearch(keys.Keys, p, StringComparer.Ordinal) < 0).ToList();
        return extra.Count == 0 ? keys : Compute(catalog, table, keys._resolved, extra);
    }

    private static CatalogKeys Compute(IRequestCatalog catalog, IndexTable table,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? known, IEnumerable<string> extraKeys)
    {
        var set = new HashSet<string>(catalog.ModuleNames, StringComparer.Ordinal);
        if (table is IndexTable.Autoload or IndexTable.Grant)
            foreach (var (pattern, _) in catalog.Aliases)
                if (pattern.IsLiteral) set.Add(pattern.Pattern);
        set.UnionWith(extraKeys);
        var keys = set.Where(k => System.Text.Encoding.UTF8.GetByteCount(k) <= MaxKeyBytes).Order(StringComparer.Ordinal).ToArray();

        var aliasesByModule = new Dictionary<string, List<Glob>>(StringComparer.Ordinal);
        foreach (var (pattern, module) in catalog.Aliases)
        {
            if (!aliasesByModule.TryGetValue(module, out var list)) aliasesByModule[module] = list = [];
            list.Add(pattern);
        }

        if (table is not IndexTable.Autoload) return new CatalogKeys(keys, null, null, aliasesByModule);
        var resolved = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var keysByModule = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            var modules = known is not null && known.TryGetValue(keys[i], out var cached) ? cached : catalog.Resolve(keys[i]);
            resolved[keys[i]] = modules;
            foreach (var m in modules)
            {
                if (!keysByModule.TryGetValue(m, out var list)) keysByModule[m] = list = [];
                list.Add(i);
            }
        }
        return new CatalogKeys(keys, resolved, keysByModule, aliasesByModule);
    }
}
