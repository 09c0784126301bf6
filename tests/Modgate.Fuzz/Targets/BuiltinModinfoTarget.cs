using Modgate.Kernel;

namespace Modgate.Fuzz;

/// <summary>
/// modules.builtin.modinfo (<c>MODULE.KEY=VALUE</c> records separated by NUL), then the built-in alias trie.
/// No exception is documented.
/// </summary>
internal sealed class BuiltinModinfoTarget : FuzzTarget
{
    public override string Name => "modules.builtin.modinfo";

    public override IReadOnlyList<string> Tokens => ["\0", ".alias=", ".file=", ".license=", ".", "=", "*", "[", "]"];

    public override IReadOnlyList<byte[]> Seeds(SeedFiles files) =>
        files.Slices(files.InModules("modules.builtin.modinfo"), 8, 30, separator: 0);

    protected override string Execute(byte[] input)
    {
        var diagnostics = new List<KernelDiagnostic>();
        var modinfo = BuiltinModinfoReader.Parse("modules.builtin.modinfo", TreeProbe.Text(input), diagnostics, out var aliases);
        foreach (var alias in aliases)
            Check(modinfo.ContainsKey(alias.Module) && alias.Pattern.Length > 0, $"alias '{alias.Pattern}' of unknown '{alias.Module}'");
        var tree = TreeProbe.Tree(diagnostics, builtinAliases: aliases, builtinModinfo: modinfo, builtin: [.. modinfo.Keys]);
        return $"{aliases.Count > 0}:{TreeProbe.Diagnosed(diagnostics)}:{TreeProbe.Resolve(tree, aliases.Select(a => a.NormalizedPattern))}";
    }
}
