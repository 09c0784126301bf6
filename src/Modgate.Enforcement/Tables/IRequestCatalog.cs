using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Enforcement.Tables;

/// <summary>
/// What the table builder needs to know of a kernel's module tree: the known request strings and module
/// names, which modules a request resolves to (as modprobe does), and the request patterns that reach a module.
/// All strings normalized as kmod normalizes them ('-' → '_').
/// </summary>
public interface IRequestCatalog
{
    /// <summary>Names of every module: loadable, built in, or named by an alias (modules.alias may name modules the tree lacks).</summary>
    IReadOnlyList<string> ModuleNames { get; }

    /// <summary>(request pattern, module) pairs: module names, modules.alias, modprobe.d and built-in aliases.</summary>
    IReadOnlyList<(Glob Pattern, string Module)> Aliases { get; }

    /// <summary>The modules a (normalized) request string loads; empty when none.</summary>
    IReadOnlyList<string> Resolve(string request);
}

/// <summary>The catalog of a real module tree, through Modgate.Kernel's alias table and modprobe-exact resolver.</summary>
public sealed class KernelRequestCatalog : IRequestCatalog
{
    private readonly AliasResolver _resolver;

    public KernelRequestCatalog(ModuleTree tree)
    {
        _resolver = new AliasResolver(tree);
        Aliases = new AliasTable(tree).Pairs.Select(p => (p.Pattern, ModuleName.Normalize(p.Module))).ToList();
        // The resolver answers with every module an alias names, present in modules.dep or not: a module= glob must
        // see the same names, or `deny module=twofish*` would miss crypto-twofish on a trimmed tree.
        ModuleNames = tree.Modules.Select(m => m.Name).Concat(tree.Builtin).Select(ModuleName.Normalize).Concat(Aliases.Select(a => a.Module))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<string> ModuleNames { get; }

    public IReadOnlyList<(Glob Pattern, string Module)> Aliases { get; }

    public IReadOnlyList<string> Resolve(string request) =>
        _resolver.Resolve(request).Select(ModuleName.Normalize).Distinct(StringComparer.Ordinal).ToList();
}
