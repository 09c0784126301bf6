using Modgate.Kernel;

namespace Modgate.Cli.Output;

/// <summary>What an autoload request resolved to, and with which module tree (null: none was available).</summary>
internal sealed record ResolvedRequest(IReadOnlyList<string> Modules, string? Tree, string? Problem);

/// <summary>Resolves an autoload request string to module names with the kernel's alias table, as modprobe does.</summary>
internal static class RequestResolution
{
    /// <param name="kernelTree">The --kernel-tree given, or null for the running kernel's tree.</param>
    public static ResolvedRequest Resolve(string request, string? kernelTree)
    {
        var directory = kernelTree ?? ModuleTree.RunningKernelDirectory();
        if (!Directory.Exists(directory))
            return new ResolvedRequest([], null,
                $"no module tree at {directory}: module= rules cannot match this request; pass --kernel-tree DIR or --module NAME");
        var tree = ModuleTree.Load(directory);
        var resolution = new AliasResolver(tree).ResolveDetailed(request);
        return new ResolvedRequest(resolution.Modules, directory, null);
    }
}
