using Modgate.Enforcement.Tables;
using Modgate.Kernel;

namespace Modgate.Enforcement.Tests;

/// <summary>The real Debian 6.1 module tree (<see cref="DebianKernel"/>, cached) as a request catalog, loaded once.</summary>
internal static class DebianTree
{
    private static readonly Lazy<KernelRequestCatalog> Loaded = new(() => new KernelRequestCatalog(ModuleTree.Load(DebianKernel.ModuleDirectory, [])));

    public static KernelRequestCatalog Catalog => Loaded.Value;
}
