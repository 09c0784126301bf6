using System.Collections;
using Modgate.Kernel;

namespace Modgate.Cli.Output;

/// <summary>
/// The module names of a kernel tree (loaded and built-in), read on first use: `check` only asks when a policy
/// names modules, and reading Debian's tree costs ~35 ms of a ~45 ms cold start (BENCHMARKS.md).
/// </summary>
internal sealed class LazyModuleNames(string treeDirectory) : IReadOnlySet<string>
{
    private readonly Lazy<HashSet<string>> _names = new(() =>
    {
        var tree = ModuleTree.Load(treeDirectory);
        return tree.ModulesByName.Keys.Concat(tree.Builtin).ToHashSet(StringComparer.Ordinal);
    });

    private HashSet<string> Names => _names.Value;

    public int Count => Names.Count;
    public bool Contains(string item) => Names.Contains(item);
    public bool IsProperSubsetOf(IEnumerable<string> other) => Names.IsProperSubsetOf(other);
    public bool IsProperSupersetOf(IEnumerable<string> other) => Names.IsProperSupersetOf(other);
    public bool IsSubsetOf(IEnumerable<string> other) => Names.IsSubsetOf(other);
    public bool IsSupersetOf(IEnumerable<string> other) => Names.IsSupersetOf(other);
    public bool Overlaps(IEnumerable<string> other) => Names.Overlaps(other);
    public bool SetEquals(IEnumerable<string> other) => Names.SetEquals(other);
    public IEnumerator<string> GetEnumerator() => Names.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
