using Modgate.Policy;

namespace Modgate.Kernel.Learn;

/// <summary>
/// Builds an allowlist from what this machine needs: the modules loaded now, the modules its hardware asks
/// for (each device's modalias resolved as udev's <c>modprobe -b MODALIAS</c> would: every matching module, not
/// the blacklisted ones), and the modules the audit log saw requested. Each module brings the modules modprobe
/// loads with it (modules.dep closure, softdeps), since under <c>default deny</c> each of those is judged too.
/// </summary>
public sealed class PolicyLearner(AliasResolver resolver)
{
    private readonly ModuleTree _tree = resolver.Tree;
    private readonly Dictionary<string, (LearnSource Source, List<string> Reasons)> _rules = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly List<string> _notes = [];

    public LearnedPolicy Learn(IReadOnlyList<string> loaded, IReadOnlyList<DeviceModalias> devices, IReadOnlyList<LearnObservation> observations)
    {
        foreach (var module in loaded)
        {
            Add(module, LearnSource.Loaded, "loaded now");
            if (!_tree.IsLoadable(module) && !_tree.IsBuiltin(module))
                _notes.Add($"{module} is loaded but not in {_tree.Directory}: allowed all the same (an out-of-tree module, or the tree is not the running kernel's)");
        }

        var (withModule, builtinOnly) = AddHardware(devices);
        AddObservations(observations);

        var rules = _order.Select(m => new LearnedRule(m, _rules[m].Source, _rules[m].Reasons))
            .OrderBy(r => r.Source).ThenBy(r => r.Module, StringComparer.Ordinal).ToList();
        return new LearnedPolicy(_tree.Version, _tree.Directory, rules, _notes,
            new LearnCounts(loaded.Count, devices.Count, withModule, builtinOnly, observations.Count));
    }

    private (int WithModule, int BuiltinOnly) AddHardware(IReadOnlyList<DeviceModalias> devices)
    {
        int withModule = 0, builtinOnly = 0;
        var devicesByModule = new Dictionary<string, List<DeviceModalias>>(StringComparer.Ordinal);
        var moduleOrder = new List<string>();
        var missingReported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            var modules = resolver.Resolve(device.Modalias).Distinct(StringComparer.Ordinal).ToList();
            var loadable = modules.Where(_tree.IsLoadable).ToList();
            if (loadable.Count > 0) withModule++;
            else if (modules.Any(_tree.IsBuiltin)) builtinOnly++;
            // modules.alias names it but modules.dep has no file for it (a trimmed tree): nothing could load it.
            foreach (var missing in modules.Where(m => !_tree.IsLoadable(m) && !_tree.IsBuiltin(m)))
                if (missingReported.Add(missing))
                    _notes.Add($"{missing} matches /{device.Device} ({Shorten(device.Modalias)}) but has no module file in {_tree.Directory}");
            foreach (var module in loadable)
            {
                if (_tree.Config.BlacklistOf(module) is { } blacklist)
                {
                    _notes.Add($"{module} matches /{device.Device} but is blacklisted ({blacklist.Source}): udev's modprobe -b does not load it");
                    continue;
                }
                if (!devicesByModule.TryGetValue(module, out var list))
                {
                    devicesByModule[module] = list = [];
                    moduleOrder.Add(module);
                }
                list.Add(device);
            }
        }
        foreach (var module in moduleOrder)
        {
            var list = devicesByModule[module];
            var first = list[0];
            AddWithDependencies(module, LearnSource.Hardware,
                $"hardware: /{first.Device} ({Shorten(first.Modalias)}){(list.Count > 1 ? $" and {list.Count - 1} more device{(list.Count > 2 ? "s" : "")}" : "")}");
        }
        return (withModule, builtinOnly);
    }

    private void AddObservations(IReadOnlyList<LearnObservation> observations)
    {
        var seen = new Dictionary<string, List<LearnObservation>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var o in observations)
        {
            if (o.Verb == Verb.Unload || o.Decision == "deny") continue;
            if (o.Module is null)
            {
                _notes.Add($"audit log: {o.Decision} autoload request={o.Request} by {o.Comm} resolved to no module; nothing to allow");
                continue;
            }
            var module = ModuleName.Normalize(o.Module);
            if (!seen.TryGetValue(module, out var list))
            {
                seen[module] = list = [];
                order.Add(module);
            }
            list.Add(o);
        }
        foreach (var module in order)
        {
            var list = seen[module];
            var last = list.MaxBy(o => o.Time)!;
            var what = last.Verb == Verb.Autoload ? $"autoload request={last.Request}" : "load";
            AddWithDependencies(module, LearnSource.AuditLog,
                $"audit log: {last.Decision} {what} by {last.Comm}, {list.Count} time{(list.Count == 1 ? "" : "s")}, last {last.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        }
    }

    // CPU modaliases list every feature flag (hundreds of characters): the start says which device it is.
    private static string Shorten(string modalias) => modalias.Length <= 72 ? modalias : modalias[..71] + "…";

    /// <summary>The module, then what modprobe inserts with it: its modules.dep closure and its softdeps (and theirs).</summary>
    private void AddWithDependencies(string module, LearnSource source, string reason)
    {
        Add(module, source, reason);
        var pending = new Queue<string>([module]);
        var visited = new HashSet<string>(StringComparer.Ordinal) { module };
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            var needed = _tree.LoadClosure(current).Where(d => d != current).Select(d => (d, $"dependency of {current} (modules.dep)"));
            var soft = _tree.Config.Softdeps.Where(s => s.Module == current)
                .SelectMany(s => s.Pre.Concat(s.Post).Select(d => (d, $"softdep of {current} ({s.Source})")));
            foreach (var (dependency, why) in needed.Concat(soft))
            {
                if (!_tree.IsLoadable(dependency) || !visited.Add(dependency)) continue;
                Add(dependency, source, why);
                pending.Enqueue(dependency);
            }
        }
    }

    private void Add(string module, LearnSource source, string reason)
    {
        if (_rules.TryGetValue(module, out var existing))
        {
            if (!existing.Reasons.Contains(reason)) existing.Reasons.Add(reason);
            return;
        }
        _rules[module] = (source, [reason]);
        _order.Add(module);
    }
}
