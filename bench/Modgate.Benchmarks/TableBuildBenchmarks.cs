using BenchmarkDotNet.Attributes;
using Modgate.Enforcement.Tables;
using Modgate.Kernel;

namespace Modgate.Benchmarks;

/// <summary>
/// What an agent reload costs to build the kernel tables, against Debian 6.1's module tree (MODGATE_BENCH_TREE, set by
/// bench/tables/run.sh): the first build with a catalog derives its keys and resolves every one of them (the
/// baseline); a reload with the same catalog reuses them (Tables/CatalogKeys.cs). Same policy, same run.
/// </summary>
[MemoryDiagnoser]
public class TableBuildBenchmarks
{
    private KernelRequestCatalog _tree = null!;
    private CompiledPolicy _policy = null!;
    private IRequestCatalog _kept = null!;

    /// <summary>A new catalog object over the same tree: what the builder keeps per catalog starts empty.</summary>
    private sealed class FreshCatalog(IRequestCatalog tree) : IRequestCatalog
    {
        public IReadOnlyList<string> ModuleNames => tree.ModuleNames;
        public IReadOnlyList<(Glob Pattern, string Module)> Aliases => tree.Aliases;
        public IReadOnlyList<string> Resolve(string request) => tree.Resolve(request);
    }

    [GlobalSetup]
    public void Setup()
    {
        var dir = Environment.GetEnvironmentVariable("MODGATE_BENCH_TREE")
            ?? throw new InvalidOperationException("MODGATE_BENCH_TREE is not set: run bench/tables/run.sh");
        _tree = new KernelRequestCatalog(ModuleTree.Load(dir));
        _policy = PolicyCompiler.Compile(PolicyLoader.LoadText("bench.conf", "version 1\ndeny module=appletalk,n_hdlc\n").Document!);
        _kept = new FreshCatalog(_tree);
        PolicyTableBuilder.Build(_policy, _kept, _ => [], "/sbin/modprobe");
    }

    [Benchmark(Baseline = true)]
    public int First_build_with_a_catalog() => PolicyTableBuilder.Build(_policy, new FreshCatalog(_tree), _ => [], "/sbin/modprobe").Literal.Count;

    [Benchmark]
    public int Reload_with_the_same_catalog() => PolicyTableBuilder.Build(_policy, _kept, _ => [], "/sbin/modprobe").Literal.Count;
}
