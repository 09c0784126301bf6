using Modgate.Enforcement.Agent;

namespace Modgate.Enforcement.Tests.Agent;

public sealed class FileSetWatcherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-watch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private FileSetWatcher WatchPolicyDirectory() => new(() => FileSetWatcher.PolicyFiles([_dir]));

    [Fact]
    public void A_change_is_reported_once_after_one_quiet_poll()
    {
        var file = Path.Combine(_dir, "policy.conf");
        File.WriteAllText(file, "version 1\n");
        var watcher = WatchPolicyDirectory();
        Assert.False(watcher.Poll());

        File.WriteAllText(file, "version 1\nautoload off\n");
        Assert.Equal([false, true, false], new[] { watcher.Poll(), watcher.Poll(), watcher.Poll() });
    }

    [Fact]
    public void Writes_that_keep_coming_are_applied_once_they_stop()
    {
        var file = Path.Combine(_dir, "policy.conf");
        File.WriteAllText(file, "a");
        var watcher = WatchPolicyDirectory();
        File.WriteAllText(file, "ab");
        Assert.False(watcher.Poll());
        File.WriteAllText(file, "abc");
        Assert.False(watcher.Poll());
        Assert.True(watcher.Poll());
    }

    [Fact]
    public void A_new_drop_in_and_an_editor_replacing_the_file_by_rename_are_seen()
    {
        var file = Path.Combine(_dir, "policy.conf");
        File.WriteAllText(file, "version 1\n");
        var watcher = WatchPolicyDirectory();

        Directory.CreateDirectory(Path.Combine(_dir, "policy.d"));
        File.WriteAllText(Path.Combine(_dir, "policy.d", "10-deny.conf"), "deny module=n_hdlc\n");
        Assert.False(watcher.Poll());
        Assert.True(watcher.Poll());

        var temp = Path.Combine(_dir, ".policy.conf.swp");
        File.WriteAllText(temp, "version 1\n"); // same size and content: only the file's identity changes
        File.SetLastWriteTimeUtc(temp, File.GetLastWriteTimeUtc(file).AddSeconds(1));
        File.Move(temp, file, overwrite: true);
        Assert.False(watcher.Poll());
        Assert.True(watcher.Poll());
    }

    [Fact]
    public void Files_outside_the_policy_are_not_watched()
    {
        File.WriteAllText(Path.Combine(_dir, "policy.conf"), "version 1\n");
        Directory.CreateDirectory(Path.Combine(_dir, "policy.d"));
        var watcher = WatchPolicyDirectory();
        File.WriteAllText(Path.Combine(_dir, "policy.d", "notes.txt"), "not a drop-in");
        Assert.False(watcher.Poll());
        Assert.False(watcher.Poll());
    }

    [Fact]
    public void Policy_files_of_a_directory_and_of_a_file_and_the_module_tree_files()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "policy.d"));
        File.WriteAllText(Path.Combine(_dir, "policy.d", "b.conf"), "");
        File.WriteAllText(Path.Combine(_dir, "policy.d", "a.conf"), "");
        var single = Path.Combine(_dir, "single.conf");

        var files = FileSetWatcher.PolicyFiles([_dir, single]).ToList();

        Assert.Equal([_dir, Path.Combine(_dir, "policy.conf"), Path.Combine(_dir, "policy.d")], files[..3]);
        Assert.Equal([Path.Combine(_dir, "policy.d", "a.conf"), Path.Combine(_dir, "policy.d", "b.conf")], files[3..5].Order());
        Assert.Equal([single], files[5..]);
        Assert.Equal(["/etc/modgate"], FileSetWatcher.PolicyFiles([]).Take(1));
        Assert.Equal(["/lib/modules/6.1.0-56-amd64/modules.alias", "/lib/modules/6.1.0-56-amd64/modules.dep"],
            FileSetWatcher.ModuleTreeFiles("/lib/modules/6.1.0-56-amd64"));
    }
}
