namespace Modgate.Policy;

/// <summary>
/// Finds the rules that could match a request in time independent of the number of rules. Each rule is
/// filed under one of its name keys (module= if written, else request=); a rule with neither is checked
/// for every request of its scope.
/// </summary>
internal sealed class RuleIndex
{
    private readonly Scope _load = new();
    private readonly Scope _unload = new();

    public RuleIndex(IReadOnlyList<CompiledRule> rules)
    {
        foreach (var rule in rules)
        {
            var scope = rule.Unload ? _unload : _load;
            if (rule.Modules is { } modules)
                foreach (var glob in modules) scope.Modules.Add(glob, rule.Index);
            else if (rule.Requests is { } requests)
                foreach (var glob in requests) scope.Requests.Add(glob.DashInsensitive, rule.Index);
            else
                scope.Unconstrained.Add(rule.Index);
        }
    }

    /// <summary>The indexes of candidate rules in first-match order, without duplicates.</summary>
    public List<int> Candidates(Request request)
    {
        var scope = request.Verb == Verb.Unload ? _unload : _load;
        var found = new List<int>(scope.Unconstrained.Count + 8);
        found.AddRange(scope.Unconstrained);
        foreach (var module in request.Modules) scope.Modules.Collect(module, found);
        if (request.RequestString is { } requestString) scope.Requests.Collect(ModuleName.Normalize(requestString), found);
        found.Sort();
        RemoveAdjacentDuplicates(found);
        return found;
    }

    private static void RemoveAdjacentDuplicates(List<int> sorted)
    {
        var write = 0;
        for (var read = 0; read < sorted.Count; read++)
            if (write == 0 || sorted[write - 1] != sorted[read]) sorted[write++] = sorted[read];
        sorted.RemoveRange(write, sorted.Count - write);
    }

    private sealed class Scope
    {
        public NameIndex Modules { get; } = new();
        public NameIndex Requests { get; } = new();
        public List<int> Unconstrained { get; } = [];
    }
}
