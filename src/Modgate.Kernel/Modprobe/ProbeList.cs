using Modgate.Policy;

namespace Modgate.Kernel;

/// <summary>
/// The loads modprobe makes for the kernel's <c>modprobe -q -- REQUEST</c>, in its order: libkmod's probe list
/// (kmod_module_probe_insert_module) as if none of the modules were loaded — what <c>modprobe --show-depends</c>
/// prints. For each module the request resolves to (unless it was reached through an alias and is blacklisted):
/// its modules.dep dependencies, each after its own softdeps, last one first (depmod lists them the other way
/// round), then the module between its pre and post softdeps; a module is visited once; only the first softdep
/// line matching a module counts, names on it are looked up as requests; a module that has softdeps ignores its
/// install command.
/// </summary>
public static class ProbeList
{
    public static IReadOnlyList<ModuleProbe> For(AliasResolver resolver, AliasResolution resolution)
    {
        var tree = resolver.Tree;
        var alias = AliasOf(resolution);
        var probes = new List<ModuleProbe>();
        foreach (var module in resolution.Names)
        {
            // The blacklist applies only to a module reached through an alias (modprobe's default, without -b).
            if (alias is not null && tree.Config.BlacklistOf(module) is { } blacklist)
                probes.Add(new ModuleProbe(module, [], blacklist));
            else
                probes.Add(new ModuleProbe(module, new Builder(resolver).Build(new Node(module, alias)), null));
        }
        return probes;
    }

    /// <summary>
    /// libkmod keeps one module object per name, and another per alias it was looked up by ("name\alias"); the
    /// visited, required and ignorecmd marks are per object, so a module asked for by alias and reached again by name
    /// is listed twice (its second entry a no-op in a real run: it is loaded by then).
    /// </summary>
    private readonly record struct Node(string Module, string? Alias);

    private static string? AliasOf(AliasResolution resolution) =>
        resolution.Source is ResolutionSource.ModprobeAlias or ResolutionSource.ModulesAlias or ResolutionSource.BuiltinAlias or ResolutionSource.Symbol
            ? KmodNames.NormalizeAlias(resolution.Request) ?? resolution.Request
            : null;

    /// <summary>One probe list; libkmod resets the visited and required marks before each.</summary>
    private sealed class Builder(AliasResolver resolver)
    {
        private readonly ModuleTree _tree = resolver.Tree;
        private readonly HashSet<Node> _visited = [];
        private readonly HashSet<Node> _required = [];
        private readonly Dictionary<Node, bool> _ignoreCommand = [];
        private readonly List<(Node Node, ProbeRole Role, string? Of, SourceLine? Softdep)> _list = [];

        public IReadOnlyList<ProbeStep> Build(Node module)
        {
            Visit(module, required: true, ProbeRole.Requested, null, null);
            // libkmod reads ->required and ->ignorecmd only once the list is complete.
            return [.. _list.Select(e => Step(e.Node, e.Role, e.Of, e.Softdep))];
        }

        /// <summary>__kmod_module_get_probe_list (without --ignore-install, which the kernel never passes).</summary>
        private void Visit(Node node, bool required, ProbeRole role, string? of, SourceLine? softdep)
        {
            if (!_visited.Add(node)) return;
            var dependencies = LoadOrderDependencies(node.Module);
            if (required)
            {
                _required.Add(node);
                _required.UnionWith(dependencies);
            }
            foreach (var dependency in dependencies) FillSoftdeps(dependency, ProbeRole.Dependency, node.Module, null);
            FillSoftdeps(node, role, of, softdep);
        }

        /// <summary>__kmod_module_fill_softdep: pre softdeps, the module, post softdeps. No visited check for the module itself.</summary>
        private void FillSoftdeps(Node node, ProbeRole role, string? of, SourceLine? softdep)
        {
            var line = _tree.Config.Softdeps.FirstOrDefault(s => Glob.FnMatch(s.Module, node.Module));
            var pre = line is null ? [] : line.Pre.SelectMany(Lookup).ToList();
            var post = line is null ? [] : line.Post.SelectMany(Lookup).ToList();
            foreach (var m in pre) Visit(m, required: false, ProbeRole.PreSoftdep, node.Module, line!.Source);
            _list.Add((node, role, of, softdep));
            _ignoreCommand[node] = pre.Count > 0 || post.Count > 0;
            foreach (var m in post) Visit(m, required: false, ProbeRole.PostSoftdep, node.Module, line!.Source);
        }

        /// <summary>A softdep name is looked up as a request (kmod_module_new_from_lookup).</summary>
        private IEnumerable<Node> Lookup(string name)
        {
            var resolution = resolver.ResolveDetailed(name);
            var alias = AliasOf(resolution);
            return resolution.Names.Select(m => new Node(m, alias));
        }

        /// <summary>modules.dep lists a module's whole closure; libkmod prepends each, so the last is loaded first.</summary>
        private IReadOnlyList<Node> LoadOrderDependencies(string module) =>
            _tree.ModulesByName.TryGetValue(module, out var file) ? [.. file.Dependencies.Reverse().Select(d => new Node(d, null))] : [];

        private ProbeStep Step(Node node, ProbeRole role, string? of, SourceLine? softdep)
        {
            var module = node.Module;
            var install = _ignoreCommand.GetValueOrDefault(node) ? null
                : _tree.Config.InstallCommands.FirstOrDefault(c => Glob.FnMatch(c.Module, module));
            // A real modprobe skips a built-in module before it looks at install commands.
            var action = _tree.IsBuiltin(module) ? ProbeAction.Builtin
                : install is not null ? ProbeAction.Install
                : _tree.IsLoadable(module) ? ProbeAction.Insert
                : ProbeAction.Missing;
            return new ProbeStep(module, action, role, _required.Contains(node), of, softdep, install);
        }
    }
}
