namespace Modgate.Kernel;

/// <summary>Where modprobe found the answer to a request (kmod's lookup order, first that finds anything wins).</summary>
public enum ResolutionSource : byte
{
    None,
    /// <summary>An <c>alias</c> line of modprobe.d.</summary>
    ModprobeAlias,
    /// <summary>The request is the name of a loadable module (modules.dep).</summary>
    ModuleName,
    /// <summary>A <c>symbol:NAME</c> request answered by modules.symbols.</summary>
    Symbol,
    /// <summary>An <c>install</c> command of modprobe.d for that name.</summary>
    InstallCommand,
    /// <summary>A <c>remove</c> command of modprobe.d for that name.</summary>
    RemoveCommand,
    /// <summary>modules.alias.</summary>
    ModulesAlias,
    /// <summary>The name of a built-in module (modules.builtin).</summary>
    BuiltinName,
    /// <summary>An alias of a built-in module (modules.builtin.modinfo).</summary>
    BuiltinAlias,
}

/// <summary>What a request resolves to.</summary>
/// <param name="Request">The request as given.</param>
/// <param name="Names">Exactly the lines <c>modprobe -R REQUEST</c> prints, in its order (a name can repeat); empty when modprobe finds nothing.</param>
/// <param name="Source">Which of kmod's lookups answered.</param>
/// <param name="ConfigAliases">For <see cref="ResolutionSource.ModprobeAlias"/>: the modprobe.d lines that matched.</param>
public sealed record AliasResolution(string Request, IReadOnlyList<string> Names, ResolutionSource Source, IReadOnlyList<ConfigAlias> ConfigAliases)
{
    /// <summary>The distinct module names, in first-seen order.</summary>
    public IReadOnlyList<string> Modules => Names.Distinct(StringComparer.Ordinal).ToList();

    public bool Found => Names.Count > 0;
}

/// <summary>
/// Resolves a request string (what the kernel passes to modprobe) to module names exactly as
/// <c>modprobe --resolve-alias</c> (kmod 30, libkmod-module.c kmod_module_new_from_lookup) does:
/// the request is normalized (dash = underscore outside brackets), then, first hit wins:
/// modprobe.d aliases (fnmatch, every match in file order), a module of that name in modules.dep,
/// <c>symbol:</c> aliases, an install then remove command of that name, modules.alias (wildcards),
/// modules.builtin by name, built-in modules' aliases.
/// </summary>
public sealed class AliasResolver
{
    private readonly ModuleTree _tree;
    private readonly AliasIndex _aliases;
    private readonly Lazy<AliasIndex> _symbols;
    private readonly AliasIndex _builtinAliases;

    public AliasResolver(ModuleTree tree)
    {
        _tree = tree;
        _aliases = new AliasIndex(WithPriorities(tree, tree.Aliases, normalized: true));
        // symbol: requests are rare (drivers asking for each other); build that index on the first one. depmod writes
        // symbol keys as they are (depmod_output_symbols_bin), not normalized like aliases: a key with a dash (7.x's
        // "symbol:module:kvm-amd", a namespace string read as a symbol) never matches a normalized request.
        _symbols = new Lazy<AliasIndex>(() => new AliasIndex(WithPriorities(tree, tree.Symbols, normalized: false)));
        // depmod gives every built-in alias priority 0.
        _builtinAliases = new AliasIndex(tree.BuiltinAliases.Select(a => (a.NormalizedPattern, a.Module, 0)));
    }

    public ModuleTree Tree => _tree;

    /// <summary>The module names modprobe -R prints for <paramref name="request"/>; empty when nothing.</summary>
    public IReadOnlyList<string> Resolve(string request) => ResolveDetailed(request).Names;

    public AliasResolution ResolveDetailed(string request)
    {
        var name = KmodNames.NormalizeAlias(request);
        if (name is null) return new AliasResolution(request, [], ResolutionSource.None, []);

        var matched = new List<ConfigAlias>();
        foreach (var alias in _tree.Config.Aliases)
            if (Policy.Glob.FnMatch(alias.Pattern, name)) matched.Add(alias);
        if (matched.Count > 0)
            return new AliasResolution(request, matched.Select(a => a.Module).ToList(), ResolutionSource.ModprobeAlias, matched);

        if (!name.Contains(':') && _tree.ModulesByName.ContainsKey(name))
            return Found(request, [KmodNames.NormalizeModuleName(name)], ResolutionSource.ModuleName);

        if (name.StartsWith("symbol:", StringComparison.Ordinal) && _symbols.Value.SearchWild(name) is { Count: > 0 } symbols)
            return Found(request, symbols, ResolutionSource.Symbol);

        if (_tree.Config.InstallCommands.Any(c => c.Module == name))
            return Found(request, [KmodNames.NormalizeModuleName(name)], ResolutionSource.InstallCommand);
        if (_tree.Config.RemoveCommands.Any(c => c.Module == name))
            return Found(request, [KmodNames.NormalizeModuleName(name)], ResolutionSource.RemoveCommand);

        if (_aliases.SearchWild(name) is { Count: > 0 } aliases)
            return Found(request, aliases, ResolutionSource.ModulesAlias);

        if (_tree.Builtin.Contains(name))
            return Found(request, [KmodNames.NormalizeModuleName(name)], ResolutionSource.BuiltinName);

        if (_builtinAliases.SearchWild(name) is { Count: > 0 } builtin)
            return Found(request, builtin, ResolutionSource.BuiltinAlias);

        return new AliasResolution(request, [], ResolutionSource.None, []);
    }

    private static AliasResolution Found(string request, IReadOnlyList<string> names, ResolutionSource source) =>
        new(request, names, source, []);

    // kmod's index priority is depmod's module index, which is the module's line in modules.dep.
    // A module missing from modules.dep (a broken tree) sorts after all others, in file order.
    private static IEnumerable<(string, string, int)> WithPriorities(ModuleTree tree, IReadOnlyList<ModuleAlias> aliases, bool normalized)
    {
        var unknown = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var alias in aliases)
        {
            int priority;
            if (tree.ModulesByName.TryGetValue(alias.Module, out var file)) priority = file.Order;
            else if (!unknown.TryGetValue(alias.Module, out priority)) unknown[alias.Module] = priority = tree.Modules.Count + unknown.Count;
            yield return (normalized ? alias.NormalizedPattern : alias.Pattern, alias.Module, priority);
        }
    }
}
