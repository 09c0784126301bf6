namespace Modgate.Kernel;

/// <summary>
/// modules.builtin.modinfo: <c>MODULE.KEY=VALUE\0</c> records for the modules built into the image. depmod
/// makes modules.builtin.alias.bin from its <c>alias</c> records; we read the same records.
/// </summary>
internal static class BuiltinModinfoReader
{
    public static IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> Read(string directory,
        List<KernelDiagnostic> diagnostics, out List<ModuleAlias> aliases)
    {
        var text = ModuleTreeLoader.ReadTreeFile(directory, "modules.builtin.modinfo", required: false, diagnostics);
        if (text is null)
        {
            aliases = [];
            return new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>();
        }
        return Parse(Path.Combine(directory, "modules.builtin.modinfo"), text, diagnostics, out aliases);
    }

    /// <summary>The records of modules.builtin.modinfo; <paramref name="path"/> only names the file in diagnostics.</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> Parse(string path, string text,
        List<KernelDiagnostic> diagnostics, out List<ModuleAlias> aliases)
    {
        aliases = [];
        var byModule = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        foreach (var range in text.AsSpan().Split('\0'))
        {
            var record = text.AsSpan()[range];
            if (record.IsEmpty) continue;
            // depmod reads the module name up to the first '.', the key up to the first '='.
            var dot = record.IndexOf('.');
            var equals = dot < 0 ? -1 : record[(dot + 1)..].IndexOf('=');
            if (dot <= 0 || equals < 0)
            {
                diagnostics.Add(KernelDiagnostic.Warning(path, $"record '{record.ToString()}' is not MODULE.KEY=VALUE; ignored"));
                continue;
            }
            var module = record[..dot].ToString();
            var key = record.Slice(dot + 1, equals).ToString();
            var value = record[(dot + 2 + equals)..].ToString();
            if (!byModule.TryGetValue(module, out var list)) byModule[module] = list = [];
            list.Add(new(key, value));
            if (key != "alias" || value.Length == 0) continue;
            var normalized = KmodNames.NormalizeAlias(value);
            if (normalized is null)
                diagnostics.Add(KernelDiagnostic.Warning(path, $"unmatched bracket in alias '{value}' of {module}; modprobe ignores it"));
            else
                aliases.Add(new ModuleAlias(value, normalized, module));
        }
        return byModule.ToDictionary(p => p.Key, p => (IReadOnlyList<KeyValuePair<string, string>>)p.Value, StringComparer.Ordinal);
    }
}
