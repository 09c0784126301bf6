using Modgate.Policy;

namespace Modgate.Cli.Output;

/// <summary>
/// A policy diagnostic as compilers print one: <c>FILE:LINE:COL: error: MESSAGE</c>, then the source line and a
/// caret under the column (clang's layout). The first line is exactly <see cref="Diagnostic.ToString"/>, so
/// scripts that grep for it and the journal (which gets that line alone) see what they always saw.
/// </summary>
internal sealed class DiagnosticText
{
    // The policy files already read for their lines, so a file with many errors is read once.
    private readonly Dictionary<string, string[]?> _files = new(StringComparer.Ordinal);

    public IEnumerable<string> Lines(Diagnostic diagnostic, OutputStyle style)
    {
        var position = diagnostic.Position;
        var head = position.Line == 0 ? position.File : position.ToString();
        var severity = diagnostic.Severity == Severity.Error ? style.With(Hue.Bad, "error:") : style.With(Hue.Warning, "warning:");
        yield return $"{style.With(Hue.Strong, head + ":")} {severity} {diagnostic.Message}";
        if (Source(position) is not { } source) yield break;
        yield return source;
        yield return style.With(Hue.Good, CaretUnder(source, position.Column));
    }

    /// <summary>Spaces up to the column (tabs kept, so the caret lines up however the terminal sets its tab stops), then '^'.</summary>
    internal static string CaretUnder(string source, int column)
    {
        var prefix = source.AsSpan(0, column - 1);
        var caret = new char[column];
        for (var i = 0; i < prefix.Length; i++) caret[i] = prefix[i] == '\t' ? '\t' : ' ';
        caret[^1] = '^';
        return new string(caret);
    }

    /// <summary>The line the diagnostic points into, when it can be shown: a readable file, a column within the line, printable text.</summary>
    private string? Source(SourcePosition position)
    {
        if (position.Line < 1 || position.Column < 1) return null;
        if (!_files.TryGetValue(position.File, out var lines))
            _files[position.File] = lines = Read(position.File);
        if (lines is null || position.Line > lines.Length) return null;
        var line = lines[position.Line - 1];
        // A line the loader refused (too long, not UTF-8, control characters) is not worth echoing.
        if (line.Length > 400 || position.Column > line.Length + 1 || line.AsSpan().IndexOfAnyInRange('\0', '\u0008') >= 0) return null;
        return line;
    }

    private static string[]? Read(string file)
    {
        try
        {
            if (!File.Exists(file)) return null;
            var text = File.ReadAllText(file);
            if (text.StartsWith('\uFEFF')) text = text[1..];
            return [.. text.Split('\n').Select(l => l.TrimEnd('\r'))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
