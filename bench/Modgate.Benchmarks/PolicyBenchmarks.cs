using BenchmarkDotNet.Attributes;

namespace Modgate.Benchmarks;

/// <summary>
/// Decide cost must not grow with the number of rules (the index answers, not a scan): the 10-rule
/// policy is the baseline of the 10,000-rule one, measured in the same run, so the Ratio column is the goal.
/// </summary>
[MemoryDiagnoser]
public class DecideBenchmarks
{
    private readonly (CompiledPolicy Policy, Request[] Requests) _small = Build(10);
    private readonly (CompiledPolicy Policy, Request[] Requests) _large = Build(10_000);

    private static (CompiledPolicy, Request[]) Build(int rules)
    {
        var loaded = PolicyLoader.LoadText("bench.conf", SyntheticPolicy.Text(rules));
        if (loaded.HasErrors) throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
        return (PolicyCompiler.Compile(loaded.Document!), SyntheticPolicy.Requests(rules));
    }

    /// <summary>One decision, averaged over a mix of hits and misses (64 requests per invocation).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 64)]
    public int Decide_10_rules() => Run(_small);

    [Benchmark(OperationsPerInvoke = 64)]
    public int Decide_10000_rules() => Run(_large);

    private static int Run((CompiledPolicy Policy, Request[] Requests) input)
    {
        var denied = 0;
        foreach (var request in input.Requests)
            if (input.Policy.Decide(request).Verdict == Verdict.Deny) denied++;
        return denied;
    }
}

/// <summary>Parse, validate and compile a policy text: 10 rules as the baseline of 10,000.</summary>
[MemoryDiagnoser]
public class ParseCompileBenchmarks
{
    private readonly string _small = SyntheticPolicy.Text(10);
    private readonly string _large = SyntheticPolicy.Text(10_000);

    [Benchmark(Baseline = true)]
    public CompiledPolicy ParseAndCompile_10_rules() => Compile(_small);

    [Benchmark]
    public CompiledPolicy ParseAndCompile_10000_rules() => Compile(_large);

    private static CompiledPolicy Compile(string text) => PolicyCompiler.Compile(PolicyLoader.LoadText("bench.conf", text).Document!);
}
