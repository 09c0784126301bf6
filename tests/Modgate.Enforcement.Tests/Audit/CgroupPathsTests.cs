using Modgate.Bpf.Kernel;
using Modgate.Enforcement.Audit;

namespace Modgate.Enforcement.Tests.Audit;

/// <summary>cgroup ids back to paths, on a directory tree standing in for /sys/fs/cgroup (ids are inode numbers there too).</summary>
public sealed class CgroupPathsTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("modgate-cgroup-");

    [Fact]
    public void An_id_maps_to_its_path_below_the_mount_and_the_mount_itself_is_the_root()
    {
        var service = Directory.CreateDirectory(Path.Combine(_root.FullName, "system.slice", "ssh.service")).FullName;
        var paths = new CgroupPaths(_root.FullName);

        Assert.Equal("/system.slice/ssh.service", paths.PathOf(ProcessModeCalls.InodeOf(service)));
        Assert.Equal("/", paths.PathOf(ProcessModeCalls.InodeOf(_root.FullName)));
        Assert.Null(paths.PathOf(1)); // unknown: and no second walk within the same second
    }

    public void Dispose() => _root.Delete(recursive: true);
}
