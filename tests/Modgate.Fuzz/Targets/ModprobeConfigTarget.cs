using Modgate.Kernel;

namespace Modgate.Fuzz;

/// <summary>
/// A modprobe.d file or the tree's modules.softdep (the same reader: kmod reads modules.softdep as one more
/// configuration file), then the lookups that use it: fnmatch of its aliases, blacklist, install and softdep lines.
/// No exception is documented.
/// </summary>
internal sealed class ModprobeConfigTarget(string name, Func<SeedFiles, IReadOnlyList<byte[]>> seeds) : FuzzTarget
{
    public static ModprobeConfigTarget ModprobeD => new("modprobe.d", files =>
        [.. Directory.EnumerateFiles(files.InRepository("tests/fixtures/modprobe.d"), "*.conf", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Select(File.ReadAllBytes)]);

    public static ModprobeConfigTarget Softdep => new("modules.softdep", files => files.Slices(files.InModules("modules.softdep"), 2, 20));

    public override string Name => name;

    public override IReadOnlyList<string> Tokens =>
        ["alias ", "blacklist ", "install ", "remove ", "softdep ", "options ", "include ", "config ", "pre:", "post:", "/bin/false", "\\\n", "\\", "*", "[", "]"];

    public override IReadOnlyList<byte[]> Seeds(SeedFiles files) => seeds(files);

    protected override string Execute(byte[] input)
    {
        var config = ModprobeConfigReader.Parse(name, TreeProbe.Text(input));
        var diagnostics = new List<KernelDiagnostic>(config.Diagnostics);
        var named = config.Aliases.Select(a => a.Pattern).Concat(config.Softdeps.Select(s => s.Module)).Concat(config.InstallCommands.Select(c => c.Module)).ToList();
        foreach (var module in named.Take(8))
        {
            config.BlacklistOf(module);
            config.SoftdepsOf(module);
            _ = config.InstallCommandOf(module)?.LoadsNothing;
        }
        var tree = TreeProbe.Tree(diagnostics, config: config);
        var kinds = $"{config.Aliases.Count > 0}{config.Blacklists.Count > 0}{config.InstallCommands.Count > 0}{config.Softdeps.Count > 0}";
        return $"{kinds}:{TreeProbe.Diagnosed(diagnostics)}:{TreeProbe.Resolve(tree, named)}";
    }
}
