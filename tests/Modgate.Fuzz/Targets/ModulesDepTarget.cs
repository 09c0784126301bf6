using Modgate.Kernel;

namespace Modgate.Fuzz;

/// <summary>modules.dep (<c>FILE: DEPENDENCY…</c> lines), then name lookups and load closures. No exception is documented.</summary>
internal sealed class ModulesDepTarget : FuzzTarget
{
    public override string Name => "modules.dep";

    public override IReadOnlyList<string> Tokens => ["kernel/", ".ko", ".ko.xz", ":", " ", "/", "-", "..", "#"];

    public override IReadOnlyList<byte[]> Seeds(SeedFiles files) => files.Slices(files.InModules("modules.dep"), 8, 40);

    protected override string Execute(byte[] input)
    {
        var diagnostics = new List<KernelDiagnostic>();
        var modules = ModuleTreeLoader.ParseModulesDep("modules.dep", TreeProbe.Text(input), diagnostics);
        for (var i = 0; i < modules.Count; i++)
            Check(modules[i].Order == i && modules[i].Name == KmodNames.ModuleNameFromPath(modules[i].RelativePath),
                $"module {i}: '{modules[i].Name}' from '{modules[i].RelativePath}', order {modules[i].Order}");
        var tree = TreeProbe.Tree(diagnostics, modules: modules);
        var resolved = TreeProbe.Resolve(tree, modules.Select(m => m.Name));
        return $"{modules.Count > 0}:{TreeProbe.Diagnosed(diagnostics)}:{resolved}";
    }
}
