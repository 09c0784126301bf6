using System.Text;
using Modgate.Kernel;

namespace Modgate.Fuzz;

/// <summary>
/// What the tree targets do after reading: build a <see cref="ModuleTree"/> from what was read and resolve requests
/// through it as modprobe would (the alias tries, modprobe.d fnmatch, load closures), so that whatever a reader lets
/// through is also fed to the code that consumes it.
/// </summary>
internal static class TreeProbe
{
    private static readonly string[] FixedRequests =
        ["net-pf-5", "tty-ldisc-13", "fs-vfat", "pci:v00008086d00001234sv*", "symbol:nf_conntrack_in", "*", "[", "a]", "n-hdlc", ""];

    /// <summary>Text as File.ReadAllText gives it to the readers: UTF-8, invalid bytes replaced.</summary>
    public static string Text(byte[] input) => Encoding.UTF8.GetString(input);

    public static ModuleTree Tree(List<KernelDiagnostic> diagnostics, IReadOnlyList<ModuleFile>? modules = null,
        IReadOnlyList<string>? builtin = null, IReadOnlyList<ModuleAlias>? aliases = null, IReadOnlyList<ModuleAlias>? symbols = null,
        IReadOnlyList<ModuleAlias>? builtinAliases = null, IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>>? builtinModinfo = null,
        ModprobeConfig? config = null) =>
        new("/lib/modules/6.1.0-fuzz", modules ?? [], builtin ?? [], aliases ?? [], symbols ?? [], builtinAliases ?? [],
            builtinModinfo ?? new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(), config ?? ModprobeConfig.Empty, diagnostics);

    /// <summary>Resolves the fixed requests and up to four taken from the input; returns the sources that answered.</summary>
    public static string Resolve(ModuleTree tree, IEnumerable<string> fromInput)
    {
        var resolver = new AliasResolver(tree);
        var sources = new SortedSet<ResolutionSource>();
        foreach (var request in FixedRequests.Concat(fromInput.Take(4)))
        {
            var resolution = resolver.ResolveDetailed(request);
            FuzzTargetChecks.Require(resolution.Found == (resolution.Source != ResolutionSource.None), $"'{request}' resolved from {resolution.Source} to {resolution.Names.Count} names");
            sources.Add(resolution.Source);
            foreach (var module in resolution.Modules.Take(4)) tree.LoadClosure(module);
        }
        return string.Join(",", sources);
    }

    /// <summary>The first diagnostic's kind, or "clean".</summary>
    public static string Diagnosed(List<KernelDiagnostic> diagnostics) =>
        diagnostics.Count == 0 ? "clean" : Outcome.Head(diagnostics[0].Message);
}
