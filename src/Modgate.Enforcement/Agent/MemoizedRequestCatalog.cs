using Modgate.Enforcement.Tables;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Enforcement.Agent;

/// <summary>
/// A module tree's request catalog that remembers every resolution. Building the autoload tables resolves every
/// known request string (tens of thousands: modules.alias) as modprobe would; the answers only change when depmod
/// rewrites the tree, and then the agent reads the tree again and starts a new catalog. Without this a policy edit
/// took 1.7 s to apply in the TCG guest, most of it resolving the same strings again.
/// </summary>
public sealed class MemoizedRequestCatalog(IRequestCatalog inner) : IRequestCatalog
{
    private readonly Dictionary<string, IReadOnlyList<string>> _resolved = new(StringComparer.Ordinal);

    public IReadOnlyList<string> ModuleNames => inner.ModuleNames;

    public IReadOnlyList<(Glob Pattern, string Module)> Aliases => inner.Aliases;

    public IReadOnlyList<string> Resolve(string request)
    {
        lock (_resolved)
        {
            if (!_resolved.TryGetValue(request, out var modules)) _resolved[request] = modules = inner.Resolve(request);
            return modules;
        }
    }
}
