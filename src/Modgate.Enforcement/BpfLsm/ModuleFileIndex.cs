using Modgate.Bpf;
using Modgate.Bpf.Kernel;
using Modgate.Bpf.Maps;
using Modgate.Policy;

namespace Modgate.Enforcement.BpfLsm;

/// <summary>
/// The compressed module files of the running kernel's tree, by inode (mg_module_files). Before 7.0 no LSM hook sees
/// the ELF inside a compressed finit_module (Debian 13's kmod passes MODULE_INIT_COMPRESSED_FILE), so the kernel side
/// judges such a file by the name its path gives, as modprobe and depmod name it, while its inode is what apply saw:
/// any write or rename changes the ctime. A file outside the index gets ENOSYS, which libkmod answers by decompressing.
/// Only the running kernel's own tree is indexed (another tree's inodes are never loaded by this kernel).
/// </summary>
public static class ModuleFileIndex
{
    private static readonly string[] CompressedSuffixes = [".ko.xz", ".ko.zst", ".ko.gz"];

    public static IReadOnlyList<(MgFileKey Key, MgFileValue Value)> Of(string treeDirectory)
    {
        if (!IsRunningKernelTree(treeDirectory)) return [];
        var entries = new List<(MgFileKey, MgFileValue)>();
        foreach (var path in Directory.EnumerateFiles(treeDirectory, "*.ko.*", SearchOption.AllDirectories))
        {
            var file = Path.GetFileName(path);
            var suffix = CompressedSuffixes.FirstOrDefault(s => file.EndsWith(s, StringComparison.Ordinal));
            var name = suffix is null ? "" : ModuleName.Normalize(file[..^suffix.Length]);
            if (name.Length is 0 or >= MapConstants.StringLength) continue;
            if (entries.Count == MapConstants.MaxModuleFiles) break; // the rest get ENOSYS: libkmod decompresses them
            (ulong KernelDev, ulong Ino, ulong Size, long CtimeSec, ulong CtimeNsec) id;
            try
            {
                id = ProcessModeCalls.IdentityOf(path);
            }
            catch (SyscallException)
            {
                continue; // gone meanwhile
            }
            entries.Add((new MgFileKey { Dev = id.KernelDev, Ino = id.Ino },
                new MgFileValue { Name = KeyString.From(name), Size = id.Size, CtimeSec = id.CtimeSec, CtimeNsec = id.CtimeNsec }));
        }
        return entries;
    }

    /// <summary>Replaces the map's entries with these (entries first, then the stale ones go).</summary>
    internal static void Write(BpfMap map, IReadOnlyList<(MgFileKey Key, MgFileValue Value)> entries)
    {
        var keep = new HashSet<MgFileKey>(entries.Select(e => e.Key));
        foreach (var (key, value) in entries) map.Update(key, value);
        foreach (var key in map.Keys<MgFileKey>().ToList())
            if (!keep.Contains(key)) map.Delete(key);
    }

    private static bool IsRunningKernelTree(string treeDirectory)
    {
        try
        {
            var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
            return Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(treeDirectory))) == release;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
