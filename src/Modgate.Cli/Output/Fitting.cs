namespace Modgate.Cli.Output;

/// <summary>
/// Shortens text to a width without cutting an identifier: a module name, request string, CVE id, path or
/// capability is shown whole or not at all, and "…" says something was left out.
/// </summary>
internal static class Fitting
{
    public const char Ellipsis = '…';

    public static string Truncate(string text, int width)
    {
        if (text.Length <= width) return text;
        if (width <= 1) return width == 1 ? Ellipsis.ToString() : "";
        for (var end = width - 1; end > 0; end--)
        {
            if (!IsBoundary(text, end)) continue;
            var kept = text[..end].TrimEnd(' ', ',', ';', '(', '+', Ellipsis);
            if (kept.Length > 0) return kept + Ellipsis;
        }
        return Ellipsis.ToString();
    }

    /// <summary>"a, b +3": the items that fit whole, and how many more there are; "+5" when not even the first fits.</summary>
    public static string TruncateList(IReadOnlyList<string> items, int width)
    {
        var all = string.Join(", ", items);
        if (all.Length <= width) return all;
        for (var kept = items.Count - 1; kept > 0; kept--)
        {
            var text = $"{string.Join(", ", items.Take(kept))} +{items.Count - kept}";
            if (text.Length <= width) return text;
        }
        return $"+{items.Count}";
    }

    /// <summary>
    /// Lines of at most WIDTH columns, broken between words; the lines after the first start with INDENT. A colored
    /// word (an SGR sequence around it, <see cref="Paint"/>) takes only the columns of its text.
    /// </summary>
    public static IEnumerable<string> Wrap(string line, int width, string indent)
    {
        if (Columns(line) <= width) { yield return line; yield break; }
        var lead = line.Length - line.TrimStart(' ').Length;
        // A word longer than the line is printed whole on its own line (never cut), so the loop always advances.
        var rest = line;
        var first = true;
        while (rest.Length > 0)
        {
            var prefix = first ? "" : indent;
            var room = width - prefix.Length;
            if (Columns(rest) <= room) { yield return prefix + rest; yield break; }
            var cut = rest.LastIndexOf(' ', Math.Max(0, Math.Min(IndexOfColumn(rest, room), rest.Length - 1)));
            if (cut <= (first ? lead : 0)) cut = rest.IndexOf(' ', first ? lead : 0);
            if (cut < 0) { yield return prefix + rest; yield break; }
            yield return prefix + rest[..cut].TrimEnd();
            rest = rest[(cut + 1)..].TrimStart(' ');
            first = false;
        }
    }

    /// <summary>The columns TEXT takes on a terminal: an SGR sequence ("\e[1;31m") takes none.</summary>
    public static int Columns(string text)
    {
        if (!text.Contains('\e')) return text.Length;
        var columns = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\e') i = SequenceEnd(text, i);
            else columns++;
        }
        return columns;
    }

    // The index of the character shown at COLUMN (0-based), or the text's length when it ends before.
    private static int IndexOfColumn(string text, int column)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\e') i = SequenceEnd(text, i);
            else if (column-- == 0) return i;
        }
        return text.Length;
    }

    // The index of the 'm' that ends the SGR sequence starting at START (the last index when it is cut off).
    private static int SequenceEnd(string text, int start)
    {
        var end = text.IndexOf('m', start);
        return end < 0 ? text.Length - 1 : end;
    }

    // A cut between text[at - 1] and text[at] is allowed unless both belong to one identifier.
    private static bool IsBoundary(string text, int at) => !IsIdentifier(text[at - 1]) || !IsIdentifier(text[at]);

    private static bool IsIdentifier(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or '=' or '*' or '@' or '[' or ']' or '"';
}
