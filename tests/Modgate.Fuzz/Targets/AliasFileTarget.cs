using Modgate.Kernel;

namespace Modgate.Fuzz;

/// <summary>
/// modules.alias and modules.symbols (<c>alias PATTERN MODULE</c> lines), then the alias tries built from them.
/// Documented outcome: aliases and diagnostics; no exception.
/// </summary>
internal sealed class AliasFileTarget : FuzzTarget
{
    public override string Name => "modules.alias";

    public override IReadOnlyList<string> Tokens => ["alias ", "pci:v", "usb:v", "acpi*:", "net-pf-", "symbol:", "*", "?", "[0-9]", "[!a]", "]"];

    public override IReadOnlyList<byte[]> Seeds(SeedFiles files) =>
        [.. files.Slices(files.InModules("modules.alias"), 8, 40), .. files.Slices(files.InModules("modules.symbols"), 2, 20)];

    protected override string Execute(byte[] input)
    {
        var diagnostics = new List<KernelDiagnostic>();
        var aliases = ModuleTreeLoader.ParseAliasFile("modules.alias", TreeProbe.Text(input), diagnostics);
        foreach (var alias in aliases)
            Check(alias.Module.Length > 0 && alias.Pattern.Length > 0 && KmodNames.NormalizeAlias(alias.Pattern) == alias.NormalizedPattern,
                $"alias '{alias.Pattern}' → '{alias.NormalizedPattern}' of '{alias.Module}'");
        var tree = TreeProbe.Tree(diagnostics, aliases: aliases, symbols: aliases);
        var resolved = TreeProbe.Resolve(tree, aliases.Select(a => a.NormalizedPattern));
        return $"{aliases.Count > 0}:{TreeProbe.Diagnosed(diagnostics)}:{resolved}";
    }
}
