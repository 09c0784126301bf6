namespace Modgate.Fuzz;

/// <summary>Every fuzz target, by name, in the order runs go through them.</summary>
internal static class AllTargets
{
    public static IReadOnlyList<FuzzTarget> List { get; } =
    [
        new PolicyTarget(),
        new AliasFileTarget(),
        new ModulesDepTarget(),
        new ModulesBuiltinTarget(),
        new BuiltinModinfoTarget(),
        ModprobeConfigTarget.ModprobeD,
        ModprobeConfigTarget.Softdep,
        new ModinfoTarget(),
        CompressedModuleTarget.Xz,
        CompressedModuleTarget.Zstd,
        CompressedModuleTarget.Gzip,
        new ModuleImageNameTarget(),
    ];

    public static FuzzTarget Named(string name) =>
        List.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"no fuzz target '{name}' (known: {string.Join(", ", List.Select(t => t.Name))})");
}
