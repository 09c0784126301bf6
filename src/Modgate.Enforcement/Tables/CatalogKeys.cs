using System.Runtime.CompilerServices;
using Modgate.Bpf.Maps;
using Modgate.Policy;

namespace Modgate.Enforcement.Tables;

/// <summary>
/// The strings a table indexes exactly (module names, and for request tables the literal aliases), sorted, with the
/// keys each module is reached by: everything <see cref="CandidateIndexBuilder"/> needs from the module tree. It depends on the catalog
/// alone, so it is kept per catalog instance and table kind: the agent's reloads then only match the policy's rules.
/// </summary>
internal sealed class CatalogKeys
{
    private const int MaxKeyBytes = MapConstants.StringLength - 3; // what the kernel can ask for: 55 bytes + NUL
    private static readonly ConditionalWeakTable<IRequestCatalog, Dictionary<IndexTable, CatalogKeys>> Cache = new();

    private CatalogKeys(string[] keys, Dictionary<string, List<int>>? keysByModule, Dictionary<string, List<Glob>> aliasesByModule)
    {
        Keys = keys;
        KeysByModule = keysByModule;
        AliasesByModule = aliasesByModule;
    }

    /// <summary>Sorted (ordinal), each at most the kernel's key length.</summary>
    public string[] Keys { get; }
    public IReadOnlyDictionary<string, List<int>>? KeysByModule { get; }
    public IReadOnlyDictionary<string, List<Glob>> AliasesByModule { get; }

    public bool Contains(string key) => Array.BinarySearch(Keys, key, StringComparer.Ordinal) >= 0;

    /// <summary>The catalog's keys of a table, computed once per catalog (a resolution cache given by the caller bypasses the cache).</summary>
    public static CatalogKeys Of(IRequestCatalog catalog, IndexTable table, IReadOnlyDictionary<string, IReadOnlyList<string>>? resolutionCache)
    {
        if (resolutionCache is not null) return Compute(catalog, table, resolutionCache, []);
        var perTable = Cache.GetValue(catalog, _ => []);
        lock (perTable)
        {
            if (!perTable.TryGetValue(table, out var keys)) perTable[table] = keys = Compute(catalog, table, null, []);
            return keys;
        }
    }

    public static CatalogKeys Compute(IRequestCatalog catalog, IndexTable table,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? resolutionCache, IEnumerable<string> extraKeys)
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

        if (table is not IndexTable.Autoload) return new CatalogKeys(keys, null, aliasesByModule);
        var keysByModule = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            var modules = resolutionCache is not null && resolutionCache.TryGetValue(keys[i], out var cached) ? cached : catalog.Resolve(keys[i]);
            foreach (var m in modules)
            {
                if (!keysByModule.TryGetValue(m, out var list)) keysByModule[m] = list = [];
                list.Add(i);
            }
        }
        return new CatalogKeys(keys, keysByModule, aliasesByModule);
    }
}
