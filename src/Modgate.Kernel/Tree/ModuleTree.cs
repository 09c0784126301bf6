using System.Collections.Frozen;
using Modgate.Policy;

namespace Modgate.Kernel;

/// <summary>
/// The facts a module directory (<c>/lib/modules/VER</c>) gives about a kernel: its loadable modules and
/// their dependencies, its built-in modules, the aliases of both, symbol aliases, and the modprobe
/// configuration in force for it. Loading never throws for bad content: problems are in <see cref="Diagnostics"/>.
/// </summary>
public sealed class ModuleTree
{
    internal ModuleTree(string directory, IReadOnlyList<ModuleFile> modules, IReadOnlyList<string> builtin,
        IReadOnlyList<ModuleAlias> aliases, IReadOnlyList<ModuleAlias> symbols, IReadOnlyList<ModuleAlias> builtinAliases,
        IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> builtinModinfo,
        ModprobeConfig config, IReadOnlyList<KernelDiagnostic> diagnostics)
    {
        Directory = directory;
        Modules = modules;
        ModulesByName = modules.GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Builtin = builtin.ToFrozenSet(StringComparer.Ordinal);
        Aliases = aliases;
        Symbols = symbols;
        BuiltinAliases = builtinAliases;
        BuiltinModinfo = builtinModinfo;
        Config = config;
        Diagnostics = diagnostics;
    }

    /// <summary>The module directory read, e.g. <c>/lib/modules/6.1.0-56-amd64</c>.</summary>
    public string Directory { get; }

    /// <summary>The kernel version: the directory's name.</summary>
    public string Version => Path.GetFileName(Directory.TrimEnd('/'));

    /// <summary>Loadable modules in modules.dep order.</summary>
    public IReadOnlyList<ModuleFile> Modules { get; }

    /// <summary>Loadable modules by modprobe's name for them; when two files give the same name, the first (as kmod).</summary>
    public FrozenDictionary<string, ModuleFile> ModulesByName { get; }

    /// <summary>Names of the modules built into the kernel image (modules.builtin).</summary>
    public FrozenSet<string> Builtin { get; }

    /// <summary>modules.alias lines in file order.</summary>
    public IReadOnlyList<ModuleAlias> Aliases { get; }

    /// <summary>modules.symbols lines (<c>symbol:NAME</c> aliases used by symbol_request()).</summary>
    public IReadOnlyList<ModuleAlias> Symbols { get; }

    /// <summary>Aliases of built-in modules, from modules.builtin.modinfo, in file order.</summary>
    public IReadOnlyList<ModuleAlias> BuiltinAliases { get; }

    /// <summary>modinfo of built-in modules (modules.builtin.modinfo): module → key/value pairs in file order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> BuiltinModinfo { get; }

    /// <summary>modprobe.d (and the tree's modules.softdep) as kmod reads it for this tree.</summary>
    public ModprobeConfig Config { get; }

    public IReadOnlyList<KernelDiagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    public bool IsLoadable(string module) => ModulesByName.ContainsKey(module);

    public bool IsBuiltin(string module) => Builtin.Contains(module);

    /// <summary>Full path of a loadable module's file.</summary>
    public string PathOf(ModuleFile module) => Path.Combine(Directory, module.RelativePath);

    /// <summary>
    /// The modules modprobe inserts for MODULE, dependencies first (modules.dep lists the full closure),
    /// the module last; loadable modules only.
    /// </summary>
    public IReadOnlyList<string> LoadClosure(string module)
    {
        if (!ModulesByName.TryGetValue(module, out var file)) return [];
        return [.. file.Dependencies.Where(IsLoadable), module];
    }

    /// <summary>
    /// Reads a loadable module's modinfo from its file (decompressing it), or explains why not. A name inside
    /// the file that differs from the file's name is reported as a warning: modprobe goes by the file name,
    /// the kernel by the name inside.
    /// </summary>
    public (ModuleInfo? Info, KernelDiagnostic? Problem) ReadModinfo(ModuleFile module)
    {
        var path = PathOf(module);
        try
        {
            var info = ModuleFileReader.Read(path);
            if (info.Name is { } inner && ModuleName.Normalize(inner) != module.Name)
                return (info, KernelDiagnostic.Warning(path, $"the module inside is named '{inner}', its file name makes modprobe call it '{module.Name}'"));
            return (info, null);
        }
        catch (ModuleFileException e)
        {
            return (null, e.ToDiagnostic());
        }
    }

    /// <summary>Reads the module tree of a directory. See <see cref="ModuleTreeLoader"/>.</summary>
    public static ModuleTree Load(string directory, IReadOnlyList<string>? modprobeConfigPaths = null) =>
        ModuleTreeLoader.Load(directory, modprobeConfigPaths ?? ModprobeConfigReader.DefaultPaths);

    /// <summary><c>/lib/modules/$(uname -r)</c> of the running kernel.</summary>
    public static string RunningKernelDirectory()
    {
        string release;
        try
        {
            release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            release = Environment.OSVersion.Version.ToString();
        }
        return "/lib/modules/" + release;
    }
}
