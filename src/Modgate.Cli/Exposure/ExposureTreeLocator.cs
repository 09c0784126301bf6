using Modgate.Kernel;

namespace Modgate.Cli.Exposure;

/// <summary>The module tree exposure reads, and the modprobe.d directories that go with it.</summary>
/// <param name="IsRunningKernel">The tree is the running kernel's own /lib/modules/$(uname -r): its sysctls describe it.</param>
internal sealed record LocatedTree(string ModuleDirectory, IReadOnlyList<string> ModprobeConfigPaths, bool IsRunningKernel = false);

/// <summary>
/// Finds the module tree: <c>--kernel-tree DIR</c> is either a module directory (it holds modules.dep; the
/// machine's modprobe.d applies, as with <c>modprobe -d</c>) or a root file system holding exactly one
/// <c>lib/modules/VER</c> (that root's modprobe.d applies); without it, the running kernel's /lib/modules/VER.
/// </summary>
internal static class ExposureTreeLocator
{
    public static LocatedTree? Locate(string? kernelTree, out string problem)
    {
        problem = "";
        if (kernelTree is null)
        {
            var running = ModuleTree.RunningKernelDirectory();
            if (File.Exists(Path.Combine(running, "modules.dep"))) return new LocatedTree(running, ModprobeConfigReader.DefaultPaths, IsRunningKernel: true);
            problem = $"no module tree for the running kernel: looked for {running}/modules.dep " +
                      "(a container or build machine has none); pass one with --kernel-tree DIR, e.g. --kernel-tree /path/to/lib/modules/VERSION";
            return null;
        }
        var directory = Path.GetFullPath(kernelTree);
        if (File.Exists(Path.Combine(directory, "modules.dep")))
            return new LocatedTree(directory, ModprobeConfigReader.DefaultPaths,
                IsRunningKernel: Path.TrimEndingDirectorySeparator(directory) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(ModuleTree.RunningKernelDirectory())));
        var modules = Path.Combine(directory, "lib", "modules");
        var versions = Directory.Exists(modules)
            ? Directory.GetDirectories(modules).Where(d => File.Exists(Path.Combine(d, "modules.dep"))).ToList()
            : [];
        if (versions.Count == 1)
            return new LocatedTree(versions[0], ModprobeConfigReader.DefaultPaths.Select(p => directory + p).ToList());
        problem = versions.Count > 1
            ? $"{directory} holds {versions.Count} kernels under lib/modules; pass one of them with --kernel-tree {versions[0]}"
            : $"no module tree at {directory}: looked for {directory}/modules.dep and {modules}/VERSION/modules.dep; " +
              "pass the directory that holds modules.dep with --kernel-tree DIR (run depmod if it is missing)";
        return null;
    }
}
