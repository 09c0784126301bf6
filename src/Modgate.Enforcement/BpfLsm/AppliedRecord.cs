namespace Modgate.Enforcement.BpfLsm;

/// <summary>What `apply` applied, kept in /run/modgate for `status` (the kernel keeps only the tables).</summary>
public sealed record AppliedRecord(uint Generation, string Digest, IReadOnlyList<string> Files, DateTimeOffset AppliedAt)
{
    public void Save(string path = BpfPins.AppliedRecord)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".new";
        File.WriteAllLines(temp, [$"generation={Generation}", $"digest={Digest}", $"applied={AppliedAt:O}", .. Files.Select(f => $"file={f}")]);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Generations whose text is kept besides the one in force: an event decided by an earlier generation
    /// (read by an agent that started after the reload) still names its rule.</summary>
    public const int GenerationsKept = 8;

    /// <summary>
    /// Keeps the applied policy as text: the canonical form of every directive, each followed by the
    /// file and line it came from, so what is in force can be read even after the sources change. A copy per
    /// generation goes to generations/GENERATION.conf next to it (the last <see cref="GenerationsKept"/>).
    /// </summary>
    public static void SavePolicy(Modgate.Policy.PolicyDocument document, uint generation, string path = BpfPins.AppliedPolicy)
    {
        string[] lines = ["# The policy modgate applied; each line says where it was written.",
            .. document.Directives.Select(d => $"{Modgate.Policy.PolicyPrinter.Print(d)}    # {d.Position.FileAndLine}")];
        var generations = GenerationsDirectory(path);
        Directory.CreateDirectory(generations);
        WriteWhole(Path.Combine(generations, $"{generation}.conf"), lines);
        foreach (var old in Directory.GetFiles(generations, "*.conf"))
            if (uint.TryParse(Path.GetFileNameWithoutExtension(old), out var g) && g + GenerationsKept <= generation) File.Delete(old);
        WriteWhole(path, lines);
    }

    /// <summary>The applied copy compiled again (its directives are canonical: it parses back); null when it does not.</summary>
    public static Modgate.Policy.CompiledPolicy? CompileCopy(string path, string text)
    {
        var loaded = Modgate.Policy.PolicyLoader.LoadText(path, text);
        return loaded.HasErrors || loaded.Document is null ? null : Modgate.Policy.PolicyCompiler.Compile(loaded.Document);
    }

    /// <summary>The text of one generation's policy, when it is still kept.</summary>
    public static string? PolicyOfGeneration(uint generation, string path = BpfPins.AppliedPolicy)
    {
        var file = Path.Combine(GenerationsDirectory(path), $"{generation}.conf");
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    private static string GenerationsDirectory(string path) => Path.Combine(Path.GetDirectoryName(path)!, "generations");

    private static void WriteWhole(string path, string[] lines)
    {
        var temp = path + ".new";
        File.WriteAllLines(temp, lines);
        File.Move(temp, path, overwrite: true);
    }

    public static AppliedRecord? Read(string path = BpfPins.AppliedRecord)
    {
        if (!File.Exists(path)) return null;
        uint generation = 0;
        string digest = "";
        var applied = DateTimeOffset.MinValue;
        var files = new List<string>();
        foreach (var line in File.ReadAllLines(path))
        {
            var eq = line.IndexOf('=');
            if (eq < 0) continue;
            var (key, value) = (line[..eq], line[(eq + 1)..]);
            switch (key)
            {
                case "generation": generation = uint.TryParse(value, out var g) ? g : 0; break;
                case "digest": digest = value; break;
                case "applied": applied = DateTimeOffset.TryParse(value, out var a) ? a : DateTimeOffset.MinValue; break;
                case "file": files.Add(value); break;
            }
        }
        return new AppliedRecord(generation, digest, files, applied);
    }
}
