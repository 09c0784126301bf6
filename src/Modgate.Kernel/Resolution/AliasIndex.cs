using Modgate.Policy;

namespace Modgate.Kernel;

/// <summary>
/// The in-memory twin of a depmod alias index (<c>modules.alias.bin</c>, <c>modules.symbols.bin</c>,
/// <c>modules.builtin.alias.bin</c>): the same prefix-compressed trie that depmod's <c>index_insert</c> builds,
/// searched the way kmod's <c>index_mm_searchwild</c> searches it. Rebuilding the trie rather than looping over
/// the patterns is what makes the answers identical to modprobe's, quirks included: results come in
/// priority order (depmod's module index), and a request that itself contains a wildcard can match one
/// pattern twice (once as a wildcard, once literally) and so names its module twice.
/// </summary>
public sealed class AliasIndex
{
    private readonly Node _root = new(ReadOnlyMemory<char>.Empty);

    /// <param name="entries">Normalized key, module, priority; inserted in this order as depmod inserts them.</param>
    public AliasIndex(IEnumerable<(string Key, string Module, int Priority)> entries)
    {
        foreach (var (key, module, priority) in entries)
            Insert(key, module, priority);
    }

    /// <summary>The modules whose keys match <paramref name="key"/> (already normalized), in kmod's order.</summary>
    public List<string> SearchWild(string key)
    {
        var result = new List<Value>();
        SearchWildNode(_root, key, 0, result);
        var names = new List<string>(result.Count);
        foreach (var v in result) names.Add(v.Module);
        return names;
    }

    private void Insert(string key, string module, int priority)
    {
        var node = _root;
        var i = 0;
        while (true)
        {
            var prefix = node.Prefix.Span;
            int j;
            for (j = 0; j < prefix.Length; j++)
            {
                var ch = prefix[j];
                if (i + j < key.Length && key[i + j] == ch) continue;
                // Split: this node keeps prefix[..j]; a new child at prefix[j] takes the rest and all the old content.
                var child = new Node(node.Prefix[(j + 1)..]) { Keys = node.Keys, Children = node.Children, ChildCount = node.ChildCount, Values = node.Values };
                node.Prefix = node.Prefix[..j];
                node.Keys = null;
                node.Children = null;
                node.ChildCount = 0;
                node.Values = null;
                node.AddChild(ch, child);
                break;
            }
            i += j;
            if (i == key.Length)
            {
                AddInPriorityOrder(node.Values ??= [], new Value(module, priority));
                return;
            }
            var c = key[i];
            var next = node.Child(c);
            if (next is null)
            {
                var leaf = new Node(key.AsMemory(i + 1));
                AddInPriorityOrder(leaf.Values ??= [], new Value(module, priority));
                node.AddChild(c, leaf);
                return;
            }
            node = next;
            i++;
        }
    }

    // Level 2 of kmod's search: follow the key literally until a wildcard in the trie.
    private static void SearchWildNode(Node? node, string key, int i, List<Value> output)
    {
        var buffer = new System.Text.StringBuilder();
        while (node is not null)
        {
            var prefix = node.Prefix.Span;
            int j;
            for (j = 0; j < prefix.Length; j++)
            {
                var ch = prefix[j];
                if (ch is '*' or '?' or '[')
                {
                    SearchWildAll(node, j, buffer, key[(i + j)..], output);
                    return;
                }
                if (i + j >= key.Length || ch != key[i + j]) return;
            }
            i += j;
            foreach (var wildcard in "*?[")
            {
                if (node.Child(wildcard) is { } child)
                {
                    buffer.Append(wildcard);
                    SearchWildAll(child, 0, buffer, key[i..], output);
                    buffer.Length--;
                }
            }
            if (i == key.Length)
            {
                AddAllValues(node, output);
                return;
            }
            node = node.Child(key[i]);
            i++;
        }
    }

    // Level 3: every key below a wildcard, matched with fnmatch against the rest of the request.
    private static void SearchWildAll(Node node, int j, System.Text.StringBuilder buffer, string subkey, List<Value> output)
    {
        var pushed = node.Prefix.Length - j;
        buffer.Append(node.Prefix.Span[j..]);
        for (var k = 0; k < node.ChildCount; k++)
        {
            buffer.Append(node.Keys![k]);
            SearchWildAll(node.Children![k], 0, buffer, subkey, output);
            buffer.Length--;
        }
        if (node.Values is { Count: > 0 } && Glob.FnMatch(buffer.ToString(), subkey))
            AddAllValues(node, output);
        buffer.Length -= pushed;
    }

    private static void AddAllValues(Node node, List<Value> output)
    {
        if (node.Values is null) return;
        foreach (var v in node.Values) AddInPriorityOrder(output, v);
    }

    // depmod's index_add_value and kmod's add_value: keep ascending priority; a value goes before the
    // first one of equal or higher priority, so among equals the latest comes first.
    private static void AddInPriorityOrder(List<Value> values, Value value)
    {
        var position = 0;
        while (position < values.Count && values[position].Priority < value.Priority) position++;
        values.Insert(position, value);
    }

    private readonly record struct Value(string Module, int Priority);

    // Children are kept sorted by character (kmod walks them from first to last); the prefix is a slice of an inserted key.
    private sealed class Node(ReadOnlyMemory<char> prefix)
    {
        public ReadOnlyMemory<char> Prefix = prefix;
        public char[]? Keys;
        public Node[]? Children;
        public int ChildCount;
        public List<Value>? Values;

        public Node? Child(char c)
        {
            var k = Keys is null ? -1 : Array.BinarySearch(Keys, 0, ChildCount, c);
            return k >= 0 ? Children![k] : null;
        }

        public void AddChild(char c, Node child)
        {
            if (Keys is null || ChildCount == Keys.Length)
            {
                Array.Resize(ref Keys, Math.Max(2, ChildCount * 2));
                Array.Resize(ref Children, Keys.Length);
            }
            var at = ~Array.BinarySearch(Keys, 0, ChildCount, c);
            Array.Copy(Keys, at, Keys, at + 1, ChildCount - at);
            Array.Copy(Children!, at, Children!, at + 1, ChildCount - at);
            Keys[at] = c;
            Children![at] = child;
            ChildCount++;
        }
    }
}
