using Modgate.Bpf.Kernel;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// The running system's answers for <see cref="IEventContext"/>: boot time, the applied policy's rule positions,
/// the running kernel's alias table (reloaded when depmod rewrites it), cgroup paths and /proc/PID/exe.
/// </summary>
public sealed class SystemEventContext : IEventContext
{
    private const int ResolutionsKept = 4096;
    private readonly DateTimeOffset _bootTime;
    private readonly string _treeDirectory;
    private readonly Dictionary<string, string?> _modules = new(StringComparer.Ordinal);
    private AliasResolver? _resolver;
    private DateTime _aliasesWritten;

    public SystemEventContext(AppliedRuleSources rules, CgroupPaths cgroups, string? treeDirectory = null)
    {
        Rules = rules;
        Cgroups = cgroups;
        _treeDirectory = treeDirectory ?? ModuleTree.RunningKernelDirectory();
        _bootTime = DateTimeOffset.UtcNow - TimeSpan.FromTicks((long)(BootNanoseconds() / 100));
    }

    public AppliedRuleSources Rules { get; }
    public CgroupPaths Cgroups { get; }

    public DateTimeOffset TimeOf(ulong bootNs) => _bootTime + TimeSpan.FromTicks((long)(bootNs / 100));

    public string? RuleOf(uint generation, Verb verb, DecisionLayer layer, int ruleIndex) => Rules.RuleOf(generation, verb, layer, ruleIndex);

    public string? ModuleOf(string request)
    {
        RefreshAliases();
        if (_modules.TryGetValue(request, out var known)) return known;
        if (_modules.Count >= ResolutionsKept) _modules.Clear(); // bounded: a flood of distinct requests cannot grow it
        var names = _resolver?.Resolve(request) ?? [];
        return _modules[request] = names.Count == 0 ? null : names[0];
    }

    public string? CgroupOf(ulong cgroupId) => Cgroups.PathOf(cgroupId);

    public string? ExeOf(int tgid, string basename)
    {
        try
        {
            var target = new FileInfo($"/proc/{tgid}/exe").LinkTarget;
            return target is not null && Path.GetFileName(target) == basename ? target : basename;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return basename; // the process is gone: the kernel's basename is all there is
        }
    }

    /// <summary>depmod rewrites modules.alias: resolve against the new table from then on.</summary>
    private void RefreshAliases()
    {
        var aliases = Path.Combine(_treeDirectory, "modules.alias");
        var written = File.Exists(aliases) ? File.GetLastWriteTimeUtc(aliases) : DateTime.MinValue;
        if (_resolver is not null && written == _aliasesWritten) return;
        _aliasesWritten = written;
        _modules.Clear();
        _resolver = Directory.Exists(_treeDirectory) ? new AliasResolver(ModuleTree.Load(_treeDirectory)) : null;
    }

    private static ulong BootNanoseconds() => BootClock.Nanoseconds() ?? 0;
}
