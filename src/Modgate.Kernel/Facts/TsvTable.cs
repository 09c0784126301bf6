namespace Modgate.Kernel;

/// <summary>
/// The tab-separated tables of data/: a header line naming the columns, no quoting, <c>#</c> comment lines
/// allowed before the header. Rows are read by column name so a new column breaks nothing.
/// </summary>
internal sealed class TsvTable
{
    private readonly Dictionary<string, int> _columns;

    private TsvTable(string name, Dictionary<string, int> columns, List<string[]> rows)
    {
        Name = name;
        _columns = columns;
        Rows = rows;
    }

    public string Name { get; }

    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The index of a column, for reading many rows fast.</summary>
    public int Column(string column) =>
        _columns.TryGetValue(column, out var i) ? i : throw new InvalidDataException($"{Name}: no column '{column}'");

    public string Get(string[] row, string column) =>
        _columns.TryGetValue(column, out var i) ? (i < row.Length ? row[i] : "")
            : throw new InvalidDataException($"{Name}: no column '{column}'");

    public static TsvTable Parse(string name, string text)
    {
        Dictionary<string, int>? columns = null;
        var rows = new List<string[]>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.TrimEnd('\r').Split('\t');
            if (columns is null)
            {
                columns = fields.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
                continue;
            }
            if (fields.Length < columns.Count)
                throw new InvalidDataException($"{name}:{number}: {fields.Length} fields, the header has {columns.Count}");
            rows.Add(fields);
        }
        return new TsvTable(name, columns ?? throw new InvalidDataException($"{name}: no header line"), rows);
    }

    /// <summary>A table bundled in this assembly (see the csproj).</summary>
    public static TsvTable Embedded(string name) => Parse(name, EmbeddedText(name));

    /// <summary>The text of a table bundled in this assembly.</summary>
    public static string EmbeddedText(string name)
    {
        using var stream = typeof(TsvTable).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"bundled data {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
