using Modgate.Bpf.Kernel;
using Modgate.Policy;

namespace Modgate.Enforcement.BpfLsm;

/// <summary>
/// cgroup= keys for the kernel: the ids (directory inode numbers) of the cgroup v2 directories whose path matches.
/// Cgroups created after apply are not matched until the next apply (documented in docs/enforcement.md).
/// </summary>
public static class CgroupDirectory
{
    public const string Mount = "/sys/fs/cgroup";

    public static IReadOnlyList<ulong> IdsMatching(IReadOnlyList<Glob> globs)
    {
        if (!Directory.Exists(Mount)) return [];
        var ids = new List<ulong>();
        foreach (var dir in Directory.EnumerateDirectories(Mount, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                     .Prepend(Mount))
        {
            var path = dir.Length == Mount.Length ? "/" : dir[Mount.Length..];
            if (globs.Any(g => g.Matches(path))) ids.Add(ProcessModeCalls.InodeOf(dir));
        }
        return ids;
    }
}
