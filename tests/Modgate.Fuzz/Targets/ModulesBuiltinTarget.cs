using Modgate.Kernel;

namespace Modgate.Fuzz;

/// <summary>modules.builtin (one module path a line), then lookups of built-in names. No exception is documented.</summary>
internal sealed class ModulesBuiltinTarget : FuzzTarget
{
    public override string Name => "modules.builtin";

    public override IReadOnlyList<string> Tokens => ["kernel/", ".ko", "/", "-", "#"];

    public override IReadOnlyList<byte[]> Seeds(SeedFiles files) => files.Slices(files.InModules("modules.builtin"), 4, 40);

    protected override string Execute(byte[] input)
    {
        var diagnostics = new List<KernelDiagnostic>();
        var builtin = ModuleTreeLoader.ParseModulesBuiltin(TreeProbe.Text(input));
        var tree = TreeProbe.Tree(diagnostics, builtin: builtin);
        foreach (var name in builtin) Check(tree.IsBuiltin(name), $"'{name}' read but not built in");
        return $"{builtin.Count > 0}:{TreeProbe.Resolve(tree, builtin)}";
    }
}
