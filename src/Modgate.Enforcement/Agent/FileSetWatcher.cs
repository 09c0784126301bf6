namespace Modgate.Enforcement.Agent;

/// <summary>
/// Notices changes to a set of files by polling their modification time, size and presence. Polling a handful of
/// stat() calls a few times a second is cheap, works on every filesystem and cannot miss an editor's
/// write-to-temp-and-rename (inotify watches on the old inode would). Debounced: a change is reported once the set
/// has stayed the same for one more poll, so an editor's several writes give one reload.
/// </summary>
public sealed class FileSetWatcher
{
    private readonly Func<IEnumerable<string>> _paths;
    private string _seen;
    private bool _pending;

    /// <param name="paths">The files and directories to watch, asked again at every poll (a drop-in may appear).</param>
    public FileSetWatcher(Func<IEnumerable<string>> paths)
    {
        _paths = paths;
        _seen = Snapshot();
    }

    /// <summary>True once after the set changed and then stayed the same for one poll.</summary>
    public bool Poll()
    {
        var now = Snapshot();
        if (now != _seen)
        {
            _seen = now;
            _pending = true;
            return false;
        }
        if (!_pending) return false;
        _pending = false;
        return true;
    }

    private string Snapshot()
    {
        var lines = new List<string>();
        foreach (var path in _paths().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            lines.Add(!info.Exists ? $"{path} absent"
                : info is FileInfo file ? $"{path} {info.LastWriteTimeUtc.Ticks} {file.Length}"
                : $"{path} directory"); // its entries are listed by the caller: other files in it do not count
        }
        return string.Join('\n', lines);
    }

    /// <summary>
    /// What the policy loader reads for these paths (none: /etc/modgate): each file; for a directory, the directory,
    /// its policy.conf, its policy.d and every policy.d/*.conf, present or not yet.
    /// </summary>
    public static IEnumerable<string> PolicyFiles(IReadOnlyList<string> paths)
    {
        foreach (var path in paths.Count == 0 ? [Modgate.Policy.PolicyLoader.DefaultDirectory] : paths)
        {
            yield return path;
            if (!Directory.Exists(path)) continue;
            yield return Path.Combine(path, "policy.conf");
            var dropIns = Path.Combine(path, "policy.d");
            yield return dropIns;
            if (Directory.Exists(dropIns))
                foreach (var file in Directory.GetFiles(dropIns, "*.conf")) yield return file;
        }
    }

    /// <summary>What depmod rewrites in a module tree: the alias table and the dependency list.</summary>
    public static IEnumerable<string> ModuleTreeFiles(string treeDirectory) =>
        [Path.Combine(treeDirectory, "modules.alias"), Path.Combine(treeDirectory, "modules.dep")];
}
