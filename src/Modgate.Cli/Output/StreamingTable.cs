using System.Text;

namespace Modgate.Cli.Output;

/// <summary>
/// A table whose rows may still arrive after it is laid out (`log -f` prints a record as it is written). With a width
/// (a terminal's, COLUMNS, a pipe's 80) the columns are fitted once, as <see cref="TextTable"/> fits them, to the rows
/// known at the start (or each column's usual width when there are none yet), and every row is cut to that layout at
/// identifier boundaries; the last column takes whatever room is left. Without a width limit (--wide) the columns have their usual widths
/// whatever the rows, so the layout never depends on the data, and nothing is cut: a longer cell pushes the rest of its
/// row right, as printf's padding does, and each row stays whole on its line.
/// </summary>
internal sealed class StreamingTable
{
    private const int Gap = 2;

    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly OutputStyle _style;
    private readonly int[] _widths;
    private readonly List<int> _shown;

    /// <param name="usualWidths">Each column's width under --wide (the last column's is used only to fit a width without rows).</param>
    /// <param name="known">The rows printed first, which a width's layout is fitted to.</param>
    public StreamingTable(IReadOnlyList<TableColumn> columns, IReadOnlyList<int> usualWidths, IReadOnlyList<IReadOnlyList<TableCell>> known, OutputStyle style)
    {
        _columns = columns;
        _style = style;
        _widths = style.Width == OutputStyle.Unlimited
            ? [.. usualWidths.Select((w, i) => Math.Max(w, columns[i].Header.Length))]
            : TextTable.Fit(columns, [.. columns.Select((c, i) => known.Count == 0 ? [usualWidths[i], c.Header.Length] : known.Select(r => r[i].Text.Length).Append(c.Header.Length).ToArray())], style.Width);
        _shown = [.. Enumerable.Range(0, columns.Count).Where(i => _widths[i] > 0)];
        if (style.Width != OutputStyle.Unlimited && _shown.Count > 0)
        {
            var last = _shown[^1];
            var others = _shown.Sum(i => i == last ? 0 : _widths[i] + Gap);
            _widths[last] = Math.Max(_widths[last], style.Width - others);
        }
    }

    /// <summary>The headers of the columns left out to fit the width.</summary>
    public IReadOnlyList<string> LeftOut => [.. _columns.Where((_, i) => _widths[i] == 0).Select(c => c.Header)];

    public string Header => Line([.. _columns.Select(c => new TableCell(c.Header, Hue.Strong))]);

    public string Row(IReadOnlyList<TableCell> cells) => Line(cells);

    private string Line(IReadOnlyList<TableCell> cells)
    {
        var line = new StringBuilder();
        foreach (var i in _shown)
        {
            var text = _style.Width == OutputStyle.Unlimited ? cells[i].Text : cells[i].Fit(_widths[i]);
            if (i != _shown[0]) line.Append(' ', Gap);
            line.Append(_style.With(cells[i].Hue, text));
            if (i != _shown[^1]) line.Append(' ', Math.Max(0, _widths[i] - text.Length));
        }
        return line.ToString();
    }
}
