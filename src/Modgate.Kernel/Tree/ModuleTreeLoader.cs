namespace Modgate.Kernel;

/// <summary>
/// Reads the text files depmod writes into a module directory. The binary <c>*.bin</c> indexes that kmod
/// mmaps are built by depmod from the same data; <see cref="AliasIndex"/> rebuilds them in memory the same way.
/// </summary>
internal static class ModuleTreeLoader
{
    public static ModuleTree Load(string directory, IReadOnlyList<string> modprobeConfigPaths)
    {
        var diagnostics = new List<KernelDiagnostic>();
        if (!System.IO.Directory.Exists(directory))
        {
            diagnostics.Add(KernelDiagnostic.Error(directory, "module directory not found"));
            return new ModuleTree(directory, [], [], [], [], [], new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(),
                ModprobeConfig.Empty, diagnostics);
        }

        var modules = ReadModulesDep(directory, diagnostics);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in modules) order.TryAdd(m.Name, m.Order);
        var aliases = ReadAliasFile(directory, "modules.alias", required: true, diagnostics);
        var symbols = ReadAliasFile(directory, "modules.symbols", required: false, diagnostics);
        var builtin = ReadModulesBuiltin(directory, diagnostics);
        var builtinModinfo = BuiltinModinfoReader.Read(directory, diagnostics, out var builtinAliases);
        var config = ModprobeConfigReader.Read(modprobeConfigPaths, directory);
        diagnostics.AddRange(config.Diagnostics);
        return new ModuleTree(directory, modules, builtin, aliases, symbols, builtinAliases, builtinModinfo, config, diagnostics);
    }

    /// <summary>Reads a file of the tree; null (with a diagnostic) when it is missing or unreadable.</summary>
    internal static string? ReadTreeFile(string directory, string name, bool required, List<KernelDiagnostic> diagnostics)
    {
        var path = Path.Combine(directory, name);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            if (required)
                diagnostics.Add(KernelDiagnostic.Error(path, $"missing: the module tree is incomplete (run `depmod -b ROOT VERSION` to create {name})"));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(required
                ? KernelDiagnostic.Error(path, $"cannot read: {e.Message}")
                : KernelDiagnostic.Warning(path, $"cannot read: {e.Message}"));
            return null;
        }
    }

    private static List<ModuleFile> ReadModulesDep(string directory, List<KernelDiagnostic> diagnostics)
    {
        var text = ReadTreeFile(directory, "modules.dep", required: true, diagnostics);
        return text is null ? [] : ParseModulesDep(Path.Combine(directory, "modules.dep"), text, diagnostics);
    }

    /// <summary>The lines of modules.dep; <paramref name="path"/> only names the file in diagnostics.</summary>
    internal static List<ModuleFile> ParseModulesDep(string path, string text, List<KernelDiagnostic> diagnostics)
    {
        var result = new List<ModuleFile>();
        var number = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            number++;
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#') continue;
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                diagnostics.Add(KernelDiagnostic.Warning(path, "line without 'FILE:' ignored", number));
                continue;
            }
            var file = line[..colon].ToString();
            var deps = new List<string>();
            foreach (var range in line[(colon + 1)..].SplitAny(" \t"))
            {
                var dep = line[(colon + 1)..][range];
                if (!dep.IsEmpty) deps.Add(KmodNames.ModuleNameFromPath(dep.ToString()));
            }
            result.Add(new ModuleFile(KmodNames.ModuleNameFromPath(file), file, deps, result.Count));
        }
        return result;
    }

    private static List<ModuleAlias> ReadAliasFile(string directory, string name, bool required, List<KernelDiagnostic> diagnostics)
    {
        var text = ReadTreeFile(directory, name, required, diagnostics);
        return text is null ? [] : ParseAliasFile(Path.Combine(directory, name), text, diagnostics);
    }

    /// <summary>The <c>alias PATTERN MODULE</c> lines of modules.alias or modules.symbols.</summary>
    internal static List<ModuleAlias> ParseAliasFile(string path, string text, List<KernelDiagnostic> diagnostics)
    {
        var result = new List<ModuleAlias>();
        var number = 0;
        Span<Range> words = stackalloc Range[4];
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            number++;
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#') continue;
            var count = line.SplitAny(words, " \t", StringSplitOptions.RemoveEmptyEntries);
            if (count != 3 || !line[words[0]].SequenceEqual("alias"))
            {
                diagnostics.Add(KernelDiagnostic.Warning(path, "expected 'alias PATTERN MODULE'; line ignored", number));
                continue;
            }
            var pattern = line[words[1]].ToString();
            var normalized = KmodNames.NormalizeAlias(pattern);
            if (normalized is null)
            {
                // depmod leaves such an alias out of its index ("Unmatched bracket"), so modprobe never matches it.
                diagnostics.Add(KernelDiagnostic.Warning(path, $"unmatched bracket in alias '{pattern}'; modprobe ignores it", number));
                continue;
            }
            result.Add(new ModuleAlias(pattern, normalized, line[words[2]].ToString()));
        }
        return result;
    }

    private static List<string> ReadModulesBuiltin(string directory, List<KernelDiagnostic> diagnostics)
    {
        var text = ReadTreeFile(directory, "modules.builtin", required: false, diagnostics);
        if (text is null)
        {
            diagnostics.Add(KernelDiagnostic.Warning(Path.Combine(directory, "modules.builtin"), "missing: built-in modules unknown"));
            return [];
        }
        return ParseModulesBuiltin(text);
    }

    /// <summary>The module names of modules.builtin (one path a line).</summary>
    internal static List<string> ParseModulesBuiltin(string text)
    {
        var result = new List<string>();
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (!line.IsEmpty && line[0] != '#') result.Add(KmodNames.ModuleNameFromPath(line.ToString()));
        }
        return result;
    }
}
