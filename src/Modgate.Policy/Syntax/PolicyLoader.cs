namespace Modgate.Policy;

/// <summary>The result of reading a policy: the merged document (null when nothing could be read) and every diagnostic.</summary>
public sealed record LoadResult(PolicyDocument? Document, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Document is null || Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// Reads policy files and directories and merges them the way modprobe.d and sysctl.d users expect:
/// a directory contributes its <c>policy.conf</c>, then <c>policy.d/*.conf</c> in lexical (ordinal) order.
/// </summary>
public static class PolicyLoader
{
    public const string DefaultDirectory = "/etc/modgate";

    /// <param name="paths">Files or directories; none means <see cref="DefaultDirectory"/>.</param>
    /// <param name="knownModules">Module names of the kernel tree, for "unknown module" warnings; null skips that check.</param>
    public static LoadResult Load(IReadOnlyList<string> paths, IReadOnlySet<string>? knownModules = null)
    {
        var diagnostics = new List<Diagnostic>();
        var files = new List<string>();
        foreach (var path in paths.Count == 0 ? [DefaultDirectory] : paths)
            files.AddRange(Expand(path, diagnostics));
        if (diagnostics.Count > 0) return new LoadResult(null, diagnostics);

        var directives = new List<Directive>();
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(Diagnostic.FileError(file, $"cannot read policy file: {e.Message}"));
                continue;
            }
            directives.AddRange(PolicyParser.Parse(file, bytes, diagnostics));
        }
        return Finish(directives, files, diagnostics, knownModules);
    }

    /// <summary>Parses policy text that is already in memory (tests, <c>simulate</c> from stdin).</summary>
    public static LoadResult LoadText(string file, string text, IReadOnlySet<string>? knownModules = null)
    {
        var diagnostics = new List<Diagnostic>();
        var directives = PolicyParser.Parse(file, text, diagnostics);
        return Finish([.. directives], [file], diagnostics, knownModules);
    }

    private static LoadResult Finish(List<Directive> directives, List<string> files, List<Diagnostic> diagnostics,
        IReadOnlySet<string>? knownModules)
    {
        var document = new PolicyDocument(new EquatableArray<Directive>(directives), new EquatableArray<string>(files));
        diagnostics.AddRange(PolicyValidator.Validate(document, knownModules));
        // Stable order: file order of the merge, then line and column, as a compiler prints them.
        var ordered = diagnostics
            .OrderBy(d => files.IndexOf(d.Position.File))
            .ThenBy(d => d.Position.Line)
            .ThenBy(d => d.Position.Column)
            .ToList();
        return new LoadResult(document, ordered);
    }

    private static IEnumerable<string> Expand(string path, List<Diagnostic> diagnostics)
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path))
        {
            diagnostics.Add(Diagnostic.FileError(path, "no such policy file or directory"));
            return [];
        }
        var main = Path.Combine(path, "policy.conf");
        var dropIns = Path.Combine(path, "policy.d");
        var result = new List<string>();
        if (File.Exists(main)) result.Add(main);
        if (Directory.Exists(dropIns))
            result.AddRange(Directory.GetFiles(dropIns, "*.conf").Order(StringComparer.Ordinal));
        if (result.Count == 0)
            diagnostics.Add(Diagnostic.FileError(path, $"no policy found: looked for {main} and {dropIns}/*.conf"));
        return result;
    }
}
