namespace Modgate.Kernel.Learn;

/// <summary>Reads /proc/modules: the first word of each line is a loaded module's name.</summary>
public static class LoadedModules
{
    public const string DefaultPath = "/proc/modules";

    /// <summary>Module names in the file's order; a line that is not "NAME SIZE …" is a diagnostic, not a crash.</summary>
    public static IReadOnlyList<string> Read(string path, List<KernelDiagnostic> diagnostics)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(KernelDiagnostic.Error(path, $"cannot read the loaded modules: {e.Message}"));
            return [];
        }
        var names = new List<string>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0) continue;
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || !ModprobeImporter.IsPlainModuleName(words[0]) || !ulong.TryParse(words[1], out _))
            {
                diagnostics.Add(KernelDiagnostic.Warning(path, "expected 'NAME SIZE REFS DEPS STATE ADDRESS'; line ignored", number));
                continue;
            }
            names.Add(KmodNames.NormalizeModuleName(words[0]));
        }
        return names;
    }
}
