namespace Modgate.Policy;

/// <summary>
/// Answers "which rules could match this name?" without scanning the rules: literal patterns by hash,
/// <c>PREFIX*</c> patterns by one hash probe per distinct prefix length, and only the rare general
/// globs (<c>?</c>, <c>[..]</c>, inner <c>*</c>) on a short list checked every time.
/// </summary>
internal sealed class NameIndex
{
    private readonly Dictionary<string, List<int>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _prefix = new(StringComparer.Ordinal);
    private readonly List<int> _general = [];
    private readonly HashSet<int> _prefixLengthSet = [];
    private int[] _prefixLengths = [];

    private Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> _exactLookup;
    private Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;

    public void Add(Glob glob, int rule)
    {
        if (glob.IsLiteral) Append(_exact, glob.Pattern, rule);
        else if (glob.IsPrefixPattern)
        {
            Append(_prefix, glob.LiteralPrefix, rule);
            _prefixLengthSet.Add(glob.LiteralPrefix.Length);
        }
        else _general.Add(rule);
    }

    /// <summary>Call after adding and before collecting; cheap (it sorts the few distinct prefix lengths).</summary>
    public void Seal()
    {
        _prefixLengths = [.. _prefixLengthSet.Order()];
        _exactLookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixLookup = _prefix.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Adds every rule whose pattern may match <paramref name="name"/> (a superset: the caller checks each rule).</summary>
    public void Collect(string name, List<int> into)
    {
        if (_exactLookup.TryGetValue(name.AsSpan(), out var exact)) into.AddRange(exact);
        foreach (var length in _prefixLengths)
        {
            if (length > name.Length) break;
            if (_prefixLookup.TryGetValue(name.AsSpan(0, length), out var prefixed)) into.AddRange(prefixed);
        }
        into.AddRange(_general);
    }

    private static void Append(Dictionary<string, List<int>> map, string key, int rule)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        if (list.Count == 0 || list[^1] != rule) list.Add(rule);
    }
}
