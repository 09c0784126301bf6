using System.Text;

namespace Modgate.Kernel;

/// <summary>
/// Reads modprobe.d the way kmod 30 does (libkmod-config.c): files named <c>*.conf</c> or <c>*.alias</c>
/// from each directory, merged by file name in strcmp order, a name seen in an earlier directory hiding
/// the same name in a later one; the module tree's <c>modules.softdep</c> takes part in that order.
/// Lines: <c>#</c> in column 1 comments, a backslash before a newline continues, and a backslash before
/// anything else is dropped.
/// </summary>
public static class ModprobeConfigReader
{
    /// <summary>kmod's built-in search path (SYSCONFDIR is /etc on Debian).</summary>
    public static readonly IReadOnlyList<string> DefaultPaths = ["/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d", "/lib/modprobe.d"];

    public static ModprobeConfig Read(IReadOnlyList<string> configPaths, string? moduleDirectory)
    {
        var diagnostics = new List<KernelDiagnostic>();
        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (moduleDirectory is not null)
        {
            var softdep = Path.Combine(moduleDirectory, "modules.softdep");
            if (File.Exists(softdep)) byName["modules.softdep"] = softdep;
        }
        foreach (var path in configPaths)
            AddConfigFiles(path, byName, diagnostics);

        var builder = new Builder(diagnostics);
        foreach (var file in byName.Values)
        {
            string text;
            try
            {
                text = File.ReadAllText(file, Encoding.UTF8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(KernelDiagnostic.Warning(file, $"cannot read modprobe configuration ({e.Message}); modprobe would skip it too"));
                continue;
            }
            builder.Parse(file, text);
        }
        return builder.Build([.. byName.Values]);
    }

    /// <summary>One configuration file's text, read on its own (<paramref name="file"/> only names it in diagnostics).</summary>
    internal static ModprobeConfig Parse(string file, string text)
    {
        var builder = new Builder([]);
        builder.Parse(file, text);
        return builder.Build([file]);
    }

    private static void AddConfigFiles(string path, SortedDictionary<string, string> byName, List<KernelDiagnostic> diagnostics)
    {
        if (File.Exists(path))
        {
            byName.TryAdd(Path.GetFileName(path), path);
            return;
        }
        if (!Directory.Exists(path)) return;
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(path).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(KernelDiagnostic.Warning(path, $"cannot list modprobe configuration directory ({e.Message})"));
            return;
        }
        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.') || name.Length < 6 || !(name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".alias", StringComparison.Ordinal)))
                continue;
            if (Directory.Exists(entry))
            {
                diagnostics.Add(KernelDiagnostic.Warning(entry, "directories inside modprobe.d are not read (as by modprobe)"));
                continue;
            }
            byName.TryAdd(name, entry);
        }
    }

    private sealed class Builder(List<KernelDiagnostic> diagnostics)
    {
        private readonly List<ConfigAlias> _aliases = [];
        private readonly List<ConfigBlacklist> _blacklists = [];
        private readonly List<ConfigCommand> _install = [];
        private readonly List<ConfigCommand> _remove = [];
        private readonly List<ConfigSoftdep> _softdeps = [];

        public ModprobeConfig Build(IReadOnlyList<string> files) =>
            new(files, _aliases, _blacklists, _install, _remove, _softdeps, diagnostics);

        public void Parse(string file, string text)
        {
            foreach (var (line, number) in LogicalLines(text))
            {
                if (line.Length == 0 || line[0] == '#') continue;
                var words = new WordCursor(line);
                var command = words.Next();
                if (command is null) continue;
                var where = new SourceLine(file, number);
                if (!ParseDirective(command, ref words, where))
                    diagnostics.Add(KernelDiagnostic.Warning(file, $"ignoring bad line starting with '{command}' (as modprobe does)", number));
            }
        }

        private bool ParseDirective(string command, ref WordCursor words, SourceLine where)
        {
            switch (command)
            {
                case "alias":
                {
                    var pattern = KmodNames.NormalizeAlias(words.Next() ?? "]");
                    var module = KmodNames.NormalizeAlias(words.Next() ?? "]");
                    if (pattern is null || module is null) return false;
                    _aliases.Add(new ConfigAlias(pattern, module, where));
                    return true;
                }
                case "blacklist":
                {
                    var module = KmodNames.NormalizeAlias(words.Next() ?? "]");
                    if (module is null) return false;
                    _blacklists.Add(new ConfigBlacklist(module, where));
                    return true;
                }
                case "install" or "remove":
                {
                    var module = KmodNames.NormalizeAlias(words.Next() ?? "]");
                    var rest = words.Rest();
                    if (module is null || rest.Length == 0) return false;
                    (command == "install" ? _install : _remove).Add(new ConfigCommand(module, rest, where));
                    return true;
                }
                case "softdep":
                {
                    var module = KmodNames.NormalizeAlias(words.Next() ?? "]");
                    var rest = words.Rest();
                    if (module is null || rest.Length == 0) return false;
                    _softdeps.Add(ParseSoftdep(module, rest, where));
                    return true;
                }
                case "options":
                {
                    var module = KmodNames.NormalizeAlias(words.Next() ?? "]");
                    return module is not null && words.Rest().Length > 0;
                }
                case "include" or "config":
                    diagnostics.Add(KernelDiagnostic.Warning(where.File, $"command {command} is deprecated and not parsed anymore (as by modprobe)", where.Line));
                    return true;
                default:
                    return false;
            }
        }

        private static ConfigSoftdep ParseSoftdep(string module, string rest, SourceLine where)
        {
            List<string> pre = [], post = [];
            List<string>? current = null;
            foreach (var word in rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (word == "pre:") current = pre;
                else if (word == "post:") current = post;
                else current?.Add(KmodNames.NormalizeModuleName(word));
            }
            return new ConfigSoftdep(module, pre, post, where);
        }
    }

    /// <summary>kmod's freadline_wrapped: yields each logical line with the number of its first physical line.</summary>
    internal static IEnumerable<(string Line, int Number)> LogicalLines(string text)
    {
        var buffer = new StringBuilder();
        var physical = 1;
        var start = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                yield return (buffer.ToString(), start);
                buffer.Clear();
                start = ++physical;
                continue;
            }
            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[++i];
                if (next == '\n') { physical++; continue; }
                c = next;
            }
            buffer.Append(c);
        }
        if (buffer.Length > 0) yield return (buffer.ToString(), start);
    }

    /// <summary>strtok_r over spaces and tabs, and the "rest of the line" that kmod takes with a "\0" delimiter.</summary>
    private ref struct WordCursor(string line)
    {
        private int _position;

        public string? Next()
        {
            while (_position < line.Length && line[_position] is ' ' or '\t') _position++;
            if (_position >= line.Length) return null;
            var start = _position;
            while (_position < line.Length && line[_position] is not (' ' or '\t')) _position++;
            var word = line[start.._position];
            if (_position < line.Length) _position++; // strtok consumes the delimiter that ended the word
            return word;
        }

        public string Rest()
        {
            var rest = _position < line.Length ? line[_position..] : "";
            _position = line.Length;
            return rest;
        }
    }
}
