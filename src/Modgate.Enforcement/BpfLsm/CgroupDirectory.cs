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

    public static IReadOnlyList<ulong> IdsMatching(IReadOnlyList<Glob> globs) =>
        All().Where(c => globs.Any(g => g.Matches(c.Path))).Select(c => c.Id).ToList();

    /// <summary>Every cgroup under <paramref name="mount"/>: its path as cgroup= and audit records write it, and its id.
    /// A cgroup removed between listing and stat is left out.</summary>
    public static IEnumerable<(string Path, ulong Id)> All(string mount = Mount)
    {
        if (!Directory.Exists(mount)) yield break;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        foreach (var dir in Directory.EnumerateDirectories(mount, "*", options).Prepend(mount))
        {
            ulong id;
            try
            {
                id = ProcessModeCalls.InodeOf(dir);
            }
            catch (Modgate.Bpf.SyscallException)
            {
                continue;
            }
            yield return (dir.Length == mount.Length ? "/" : dir[mount.Length..], id);
        }
    }
}
