using Modgate.Policy;

namespace Modgate.Kernel;

/// <summary>Where an alias pair comes from; also kmod's lookup order.</summary>
public enum AliasOrigin : byte
{
    ModprobeConfig,
    ModuleName,
    ModulesAlias,
    BuiltinName,
    BuiltinAlias,
}

/// <summary>
/// One way a request string reaches a module: a request whose normalized form (dashes as underscores
/// outside brackets, see <see cref="KmodNames.NormalizeAlias"/>) matches <see cref="Pattern"/> with fnmatch
/// may load <see cref="Module"/>.
/// </summary>
public sealed record AliasPair(Glob Pattern, string Module, AliasOrigin Origin);

/// <summary>
/// Every (request pattern, module) pair of a tree, so that a rule written with <c>module=</c> can be turned
/// into request patterns (the BPF program sees only the request string). It over-approximates on purpose:
/// kmod stops at the first lookup that answers, so a pattern listed here can be shadowed by an earlier
/// one; use <see cref="AliasResolver"/> for the exact answer to one request.
/// </summary>
public sealed class AliasTable
{
    public AliasTable(ModuleTree tree)
    {
        var pairs = new List<AliasPair>();
        pairs.AddRange(tree.Config.Aliases.Select(a => new AliasPair(new Glob(a.Pattern), a.Module, AliasOrigin.ModprobeConfig)));
        // A request naming a module loads it: the name (with underscores) is its own pattern.
        pairs.AddRange(tree.Modules.Select(m => new AliasPair(new Glob(m.Name), m.Name, AliasOrigin.ModuleName)));
        pairs.AddRange(tree.Aliases.Select(a => new AliasPair(new Glob(a.NormalizedPattern), a.Module, AliasOrigin.ModulesAlias)));
        pairs.AddRange(tree.Builtin.Order(StringComparer.Ordinal).Select(b => new AliasPair(new Glob(b), b, AliasOrigin.BuiltinName)));
        pairs.AddRange(tree.BuiltinAliases.Select(a => new AliasPair(new Glob(a.NormalizedPattern), a.Module, AliasOrigin.BuiltinAlias)));
        Pairs = pairs;
    }

    /// <summary>All pairs, grouped in kmod's lookup order, each group in file order.</summary>
    public IReadOnlyList<AliasPair> Pairs { get; }

    /// <summary>The request patterns that can reach a module whose name matches <paramref name="moduleGlob"/> (normalized).</summary>
    public IReadOnlyList<AliasPair> ForModule(Glob moduleGlob) =>
        Pairs.Where(p => moduleGlob.Matches(ModuleName.Normalize(p.Module))).ToList();
}
