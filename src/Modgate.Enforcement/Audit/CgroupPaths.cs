using Modgate.Bpf.Kernel;
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
    private long _lastWalk = long.MinValue;

    public CgroupPaths(string mount = CgroupDirectory.Mount) => _mount = mount;

    public string? PathOf(ulong id)
    {
        if (_paths.TryGetValue(id, out var path)) return path;
        var now = Environment.TickCount64;
        if (now - _lastWalk < 1000) return null;
        _lastWalk = now;
        _paths = Walk();
        return _paths.GetValueOrDefault(id);
    }

    private Dictionary<ulong, string> Walk()
    {
        var paths = new Dictionary<ulong, string>();
        if (!Directory.Exists(_mount)) return paths;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        foreach (var dir in Directory.EnumerateDirectories(_mount, "*", options).Prepend(_mount))
        {
            try
            {
                paths.TryAdd(ProcessModeCalls.InodeOf(dir), dir.Length == _mount.Length ? "/" : dir[_mount.Length..]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Modgate.Bpf.SyscallException)
            {
                // gone between listing and stat: not a cgroup any event can name any more
            }
        }
        return paths;
    }
}
