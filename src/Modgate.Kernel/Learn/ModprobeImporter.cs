using Modgate.Policy;

namespace Modgate.Kernel.Learn;

/// <summary>
/// Turns modprobe.d's refusals into deny rules: <c>blacklist X</c> and <c>install X /bin/false</c> (or
/// <c>/bin/true</c>, the older CIS form). modprobe.d binds modprobe alone (a blacklist only stops alias lookups,
/// an install command only replaces modprobe's own insert); the rules bind every path: autoload under any
/// alias, modprobe by name, insmod, init_module from memory.
/// The files are read exactly as kmod reads them (<see cref="ModprobeConfigReader"/>: same order, same hiding
/// of a name by an earlier directory, same line continuation).
/// </summary>
public static class ModprobeImporter
{
    public static ModprobeImport Import(IReadOnlyList<string> paths)
    {
        var config = ModprobeConfigReader.Read(paths, moduleDirectory: null);
        var fileOrder = config.Files.Select((file, index) => (file, index)).ToDictionary(x => x.file, x => x.index, StringComparer.Ordinal);

        var refusals = new List<(string Module, ModprobeRefusal Line)>();
        var skipped = new List<ImportSkip>();
        foreach (var blacklist in config.Blacklists)
            refusals.Add((blacklist.Module, new ModprobeRefusal(blacklist.Source, $"blacklist {blacklist.Module}")));
        foreach (var install in config.InstallCommands)
        {
            var line = new ModprobeRefusal(install.Source, $"install {install.Module} {install.Command.Trim()}");
            if (install.LoadsNothing) refusals.Add((install.Module, line));
            else skipped.Add(new ImportSkip(line, "runs a command instead of the load, which may still load something: not a refusal"));
        }

        var denies = new List<ImportedDeny>();
        var byModule = new Dictionary<string, List<ModprobeRefusal>>(StringComparer.Ordinal);
        foreach (var (module, line) in refusals.OrderBy(r => fileOrder.GetValueOrDefault(r.Line.Source.File)).ThenBy(r => r.Line.Source.Line))
        {
            if (!IsPlainModuleName(module))
            {
                skipped.Add(new ImportSkip(line, $"'{module}' is not a module name (modprobe compares it literally; a policy would read it as a pattern)"));
                continue;
            }
            var name = ModuleName.Normalize(module);
            if (!byModule.TryGetValue(name, out var sources))
            {
                byModule[name] = sources = [];
                denies.Add(new ImportedDeny(name, sources));
            }
            sources.Add(line);
        }
        return new ModprobeImport(denies, [.. skipped.OrderBy(s => fileOrder.GetValueOrDefault(s.Line.Source.File)).ThenBy(s => s.Line.Source.Line)],
            config.Files, config.Diagnostics);
    }

    /// <summary>Letters, digits, '_' and '-': every module name; anything else would change meaning inside a rule.</summary>
    public static bool IsPlainModuleName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
