using Modgate.Kernel;

namespace Modgate.Cli.Output;

/// <summary>What an autoload request resolved to, and with which module tree (null: none was available).</summary>
/// <param name="Probes">What modprobe loads for each module (dependencies, softdeps), from the tree; null without a tree.</param>
internal sealed record ResolvedRequest(IReadOnlyList<string> Modules, string? Tree, string? Problem, IReadOnlyList<ModuleProbe>? Probes);

/// <summary>Resolves an autoload request string to module names with the kernel's alias table, as modprobe does.</summary>
internal static class RequestResolution
{
    /// <param name="kernelTree">The --kernel-tree given, or null for the running kernel's tree.</param>
    public static ResolvedRequest Resolve(string request, string? kernelTree)
    {
        var directory = kernelTree ?? ModuleTree.RunningKernelDirectory();
        if (!Directory.Exists(directory))
            return new ResolvedRequest([], null,
                $"no module tree at {directory}: module= rules cannot match this request; pass --kernel-tree DIR or --module NAME", null);
        var resolver = new AliasResolver(ModuleTree.Load(directory));
        var resolution = resolver.ResolveDetailed(request);
        return new ResolvedRequest(resolution.Modules, directory, null, ProbeList.For(resolver, resolution));
    }

    /// <summary>
    /// --module: the modules are given; what modprobe loads with them still comes from a tree when there is one
    /// (--kernel-tree, else the running kernel's). They count as asked for by name: no blacklist applies.
    /// </summary>
    public static ResolvedRequest Given(string request, IReadOnlyList<string> modules, string? kernelTree)
    {
        var directory = kernelTree ?? ModuleTree.RunningKernelDirectory();
        if (!Directory.Exists(directory)) return new ResolvedRequest(modules, null, null, null);
        var resolver = new AliasResolver(ModuleTree.Load(directory));
        return new ResolvedRequest(modules, directory, null,
            ProbeList.For(resolver, new AliasResolution(request, modules, ResolutionSource.ModuleName, [])));
    }
}
