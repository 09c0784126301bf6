namespace Modgate.Policy;

/// <summary>
/// Answers "which rules could match this name?" without scanning the rules: literal patterns by hash,
/// <c>PREFIX*</c> patterns by a walk of a prefix trie, and only the rare general globs (<c>?</c>,
/// <c>[..]</c>, inner <c>*</c>) on a short list checked every time.
/// </summary>
internal sealed class NameIndex
{
    private readonly Dictionary<string, List<int>> _exact = new(StringComparer.Ordinal);
    private readonly PrefixTrie _prefixes = new();
    private readonly List<int> _general = [];

    public void Add(Glob glob, int rule)
    {
        if (glob.IsLiteral)
        {
            if (!_exact.TryGetValue(glob.Pattern, out var list)) _exact[glob.Pattern] = list = [];
            if (list.Count == 0 || list[^1] != rule) list.Add(rule);
        }
        else if (glob.IsPrefixPattern)
        {
            _prefixes.Add(glob.LiteralPrefix, rule);
        }
        else
        {
            _general.Add(rule);
        }
    }

    /// <summary>Adds every rule whose pattern may match <paramref name="name"/> (a superset: the caller checks each rule).</summary>
    public void Collect(string name, List<int> into)
    {
        if (_exact.TryGetValue(name, out var exact)) into.AddRange(exact);
        _prefixes.Collect(name, into);
        into.AddRange(_general);
    }
}
