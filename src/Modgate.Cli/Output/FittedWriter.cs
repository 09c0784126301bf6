using System.Text;

namespace Modgate.Cli.Output;

/// <summary>
/// A writer for line-oriented prose (`status`, `simulate`): each line longer than the output's width is broken
/// between words, its continuation lines indented under the value ("  decided: " → 11 spaces), so a
/// "label: value" line still reads as one. With no width limit (--wide) lines pass through untouched.
/// </summary>
internal sealed class FittedWriter : TextWriter
{
    private static readonly System.Buffers.SearchValues<char> LabelCharacters = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz -");

    private readonly TextWriter _inner;
    private readonly OutputStyle _style;
    private readonly StringBuilder _line = new();

    public FittedWriter(TextWriter inner, OutputStyle style)
    {
        _inner = inner;
        _style = style;
    }

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n') EndLine();
        else _line.Append(value);
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        foreach (var c in value) Write(c);
    }

    public override void Flush()
    {
        if (_line.Length > 0) _inner.Write(_line.ToString());
        _line.Clear();
        _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    private void EndLine()
    {
        var line = _line.ToString().TrimEnd('\r');
        _line.Clear();
        foreach (var part in Fitting.Wrap(line, _style.Width, new string(' ', HangingIndent(line)))) _inner.WriteLine(part);
    }

    /// <summary>Under the value of "  label: value" (a label of words, at most 24 columns), else 4 past the line's own indent.</summary>
    internal static int HangingIndent(string line)
    {
        var lead = line.Length - line.TrimStart(' ').Length;
        var colon = line.IndexOf(": ", lead, StringComparison.Ordinal);
        if (colon > lead && colon - lead <= 24 && line.AsSpan(lead, colon - lead).IndexOfAnyExcept(LabelCharacters) < 0)
        {
            var value = colon + 2;
            while (value < line.Length && line[value] == ' ') value++;
            return value;
        }
        return lead + 4;
    }
}
