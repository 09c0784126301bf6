using Modgate.Enforcement.BpfLsm;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// cgroup v2 ids (the directory's inode number) back to paths, by walking /sys/fs/cgroup. The walk is cached and
/// redone on a miss at most once a second, so a burst of events from a new cgroup costs one walk.
/// </summary>
public sealed class CgroupPaths
{
    private readonly string _mount;
    private Dictionary<ulong, string> _paths = [];
    private long? _lastWalk;

    public CgroupPaths(string mount = CgroupDirectory.Mount) => _mount = mount;

    public string? PathOf(ulong id)
    {
        if (_paths.TryGetValue(id, out var path)) return path;
        var now = Environment.TickCount64;
        if (_lastWalk is { } last && now - last < 1000) return null;
        _lastWalk = now;
        _paths = Walk();
        return _paths.GetValueOrDefault(id);
    }

    private Dictionary<ulong, string> Walk()
    {
        var paths = new Dictionary<ulong, string>();
        foreach (var (path, id) in CgroupDirectory.All(_mount)) paths.TryAdd(id, path);
        return paths;
    }
}
