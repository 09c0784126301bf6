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
    private readonly Node _root = new("");

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
            int j;
            for (j = 0; j < node.Prefix.Length; j++)
            {
                var ch = node.Prefix[j];
                if (i + j < key.Length && key[i + j] == ch) continue;
                // Split: this node keeps prefix[..j]; a new child at prefix[j] takes the rest and all the old content.
                var child = new Node(node.Prefix[(j + 1)..]) { Children = node.Children, Values = node.Values };
                node.Prefix = node.Prefix[..j];
                node.Children = new SortedList<char, Node> { [ch] = child };
                node.Values = null;
                break;
            }
            i += j;
            if (i == key.Length)
            {
                AddInPriorityOrder(node.Values ??= [], new Value(module, priority));
                return;
            }
            var c = key[i];
            node.Children ??= [];
            if (!node.Children.TryGetValue(c, out var next))
            {
                var leaf = new Node(key[(i + 1)..]);
                AddInPriorityOrder(leaf.Values ??= [], new Value(module, priority));
                node.Children[c] = leaf;
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
            int j;
            for (j = 0; j < node.Prefix.Length; j++)
            {
                var ch = node.Prefix[j];
                if (ch is '*' or '?' or '[')
                {
                    SearchWildAll(node, j, buffer, key[Math.Min(i + j, key.Length)..], output);
                    return;
                }
                if (i + j >= key.Length || ch != key[i + j]) return;
            }
            i += j;
            foreach (var wildcard in "*?[")
            {
                if (node.Children is not null && node.Children.TryGetValue(wildcard, out var child))
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
            if (node.Children is null || !node.Children.TryGetValue(key[i], out node)) return;
            i++;
        }
    }

    // Level 3: every key below a wildcard, matched with fnmatch against the rest of the request.
    private static void SearchWildAll(Node node, int j, System.Text.StringBuilder buffer, string subkey, List<Value> output)
    {
        var pushed = node.Prefix.Length - j;
        buffer.Append(node.Prefix, j, pushed);
        if (node.Children is not null)
        {
            foreach (var (ch, child) in node.Children)
            {
                buffer.Append(ch);
                SearchWildAll(child, 0, buffer, subkey, output);
                buffer.Length--;
            }
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

    private sealed class Node(string prefix)
    {
        public string Prefix = prefix;
        public SortedList<char, Node>? Children;
        public List<Value>? Values;
    }
}
