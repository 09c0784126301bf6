namespace Modgate.Policy;

/// <summary>
/// The rules of <c>PREFIX*</c> patterns, in a character trie: finding every prefix of a name costs one
/// step per character of the name, however many patterns there are (a hash probe per distinct prefix
/// length would grow with the policy).
/// </summary>
internal sealed class PrefixTrie
{
    private readonly Node _root = new();

    public void Add(string prefix, int rule)
    {
        var node = _root;
        foreach (var c in prefix) node = node.Child(c, create: true)!;
        if (node.Rules.Count == 0 || node.Rules[^1] != rule) node.Rules.Add(rule);
    }

    /// <summary>Adds the rules of every prefix of <paramref name="name"/>, the empty prefix (<c>*</c>) included.</summary>
    public void Collect(ReadOnlySpan<char> name, List<int> into)
    {
        var node = _root;
        into.AddRange(node.Rules);
        foreach (var c in name)
        {
            node = node.Child(c, create: false);
            if (node is null) return;
            into.AddRange(node.Rules);
        }
    }

    private sealed class Node
    {
        // Few children per node in practice (letters, digits, '-', '_'): parallel arrays scanned linearly
        // beat a dictionary per node in both memory and time.
        private char[] _keys = [];
        private Node[] _children = [];

        public List<int> Rules { get; } = [];

        public Node? Child(char c, bool create)
        {
            var i = Array.IndexOf(_keys, c);
            if (i >= 0) return _children[i];
            if (!create) return null;
            var child = new Node();
            _keys = [.. _keys, c];
            _children = [.. _children, child];
            return child;
        }
    }
}
