namespace Modgate.Kernel.Tests;

/// <summary>A small module directory written file by file in a temporary directory; deleted on dispose.</summary>
public sealed class SyntheticTree : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("modgate-tree-");

    public SyntheticTree()
    {
        Directory.CreateDirectory(ModuleDirectory);
        Directory.CreateDirectory(ConfigDirectory);
    }

    /// <summary>ROOT of the tree, as modprobe -d takes it.</summary>
    public string Root => _root.FullName;

    public const string Version = "6.1.0-test";

    public string ModuleDirectory => Path.Combine(Root, "lib", "modules", Version);

    /// <summary>An empty modprobe.d of this tree (so the machine's own does not leak into unit tests).</summary>
    public string ConfigDirectory => Path.Combine(Root, "etc", "modprobe.d");

    public SyntheticTree With(string relativePath, string content)
    {
        var path = Path.Combine(ModuleDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public SyntheticTree WithConfig(string fileName, string content)
    {
        File.WriteAllText(Path.Combine(ConfigDirectory, fileName), content);
        return this;
    }

    public string CopyModule(string sourcePath, string relativePath)
    {
        var path = Path.Combine(ModuleDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(sourcePath, path);
        return path;
    }

    public ModuleTree Load() => ModuleTree.Load(ModuleDirectory, [ConfigDirectory]);

    public void Dispose() => _root.Delete(recursive: true);
}
