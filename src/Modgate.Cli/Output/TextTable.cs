namespace Modgate.Cli.Output;

/// <summary>
/// A column of a <see cref="TextTable"/>. Priority 0 is never shortened or left out; above that, the higher the
/// number, the sooner the column gives way when the table is wider than the output: first it is shortened (down to
/// <paramref name="MinWidth"/>), and if the table still does not fit, it is left out.
/// </summary>
internal sealed record TableColumn(string Header, int Priority = 0, int MinWidth = 8, bool AlignRight = false);

/// <summary>A cell: its text, and the color it gets on a terminal.</summary>
/// <param name="Items">For a cell that lists things (requests): the items, so a shortened cell keeps whole items and says how many it left out.</param>
internal readonly record struct TableCell(string Text, Hue Hue = Hue.None, IReadOnlyList<string>? Items = null)
{
    public static implicit operator TableCell(string text) => new(text);

    public static TableCell List(IReadOnlyList<string> items) => new(string.Join(", ", items), Items: items);

    public string Fit(int width) => Items is null ? Fitting.Truncate(Text, width) : Fitting.TruncateList(Items, width);
}

/// <summary>The table as laid out for one width: the lines to print, and the columns left out to make it fit.</summary>
internal sealed record TableLayout(IReadOnlyList<string> Lines, IReadOnlyList<string> LeftOut);

/// <summary>
/// Aligned text tables that fit the output's width: two spaces between columns, no borders (a pipe gets plain,
/// greppable lines; --wide whole ones), cells shortened only at identifier boundaries (<see cref="Fitting"/>), least important columns
/// first. Spectre.Console's Table shrinks every column in proportion and cuts cells at any character, with no notion
/// of a column that must stay whole; that decision is the point of this class, so it is written here (tried and measured
/// under NativeAOT: BENCHMARKS.md, "Spectre.Console for the tables?").
/// </summary>
internal static class TextTable
{
    private const int Gap = 2;

    public static TableLayout Layout(IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<TableCell>> rows, OutputStyle style)
    {
        var lengths = columns.Select((c, i) => rows.Select(r => r[i].Text.Length).Append(c.Header.Length).ToArray()).ToArray();
        var widths = Fit(columns, lengths, style.Width);
        var shown = Enumerable.Range(0, columns.Count).Where(i => widths[i] > 0).ToList();
        var lines = new List<string>(rows.Count + 1)
        {
            Line(shown, widths, columns, columns.Select(c => new TableCell(c.Header, Hue.Strong)).ToList(), style),
        };
        lines.AddRange(rows.Select(r => Line(shown, widths, columns, r, style)));
        return new TableLayout(lines, [.. columns.Where((_, i) => widths[i] == 0).Select(c => c.Header)]);
    }

    /// <summary>
    /// Each column's width for the cell lengths of each column (header included); 0 for a column left out.
    /// Columns are left out, least important first, only when the rest cannot fit at their narrowest. Then the table
    /// narrows one column at a time where that cuts the fewest cells, each cell weighing twice as much per step of
    /// importance: a column's rare long cell (a long verdict) gives way before many cells of a less important column,
    /// and among columns that cut alike, the less important one gives way first.
    /// </summary>
    internal static int[] Fit(IReadOnlyList<TableColumn> columns, int[][] lengths, int width)
    {
        var widths = lengths.Select(l => l.Max()).ToArray();
        if (Total(widths) <= width) return widths;
        var floors = columns.Select((c, i) => c.Priority == 0 ? widths[i] : Math.Min(widths[i], Math.Max(c.MinWidth, c.Header.Length))).ToArray();
        var giving = Enumerable.Range(0, columns.Count).Where(i => columns[i].Priority > 0)
            .OrderByDescending(i => columns[i].Priority).ThenByDescending(i => i).ToList();
        foreach (var i in giving)
        {
            if (Total(floors) <= width) break;
            floors[i] = 0;
            widths[i] = 0;
        }
        var count = lengths.Select(l => l.CountBy(n => n).ToDictionary()).ToArray();
        while (Total(widths) > width)
        {
            var best = -1;
            var bestCost = long.MaxValue;
            foreach (var i in giving.Where(i => widths[i] > floors[i]))
            {
                // Narrowing by one cuts the cells exactly as long as the column is now; longer ones are cut already.
                var cost = (long)count[i].GetValueOrDefault(widths[i]) << Math.Max(0, 16 - columns[i].Priority);
                if (cost < bestCost) (best, bestCost) = (i, cost);
            }
            if (best < 0) break;
            widths[best]--;
        }
        return widths;
    }

    private static int Total(int[] widths)
    {
        var shown = widths.Count(w => w > 0);
        return shown == 0 ? 0 : widths.Sum() + Gap * (shown - 1);
    }

    private static string Line(List<int> shown, int[] widths, IReadOnlyList<TableColumn> columns, IReadOnlyList<TableCell> cells, OutputStyle style)
    {
        var line = new System.Text.StringBuilder();
        for (var k = 0; k < shown.Count; k++)
        {
            var i = shown[k];
            var text = cells[i].Fit(widths[i]);
            var padding = new string(' ', widths[i] - text.Length);
            var last = k == shown.Count - 1;
            if (k > 0) line.Append(' ', Gap);
            if (columns[i].AlignRight) line.Append(padding).Append(style.With(cells[i].Hue, text));
            else line.Append(style.With(cells[i].Hue, text)).Append(last ? "" : padding);
        }
        return line.ToString().TrimEnd();
    }
}
