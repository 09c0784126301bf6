using Modgate.Enforcement.Fallback;
using Modgate.Enforcement.Lock;
using Modgate.Policy;

namespace Modgate.Enforcement.Tests.Fallback;

/// <summary>The backend against a temporary /proc/sys, /run/modgate and modprobe.d (never the host's).</summary>
public sealed class FallbackBackendTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("modgate-fallback-");
    private readonly FallbackPaths _paths;

    public FallbackBackendTests()
    {
        var root = _root.FullName;
        _paths = new FallbackPaths(Path.Combine(root, "proc/sys"), Path.Combine(root, "run/modgate"), Path.Combine(root, "etc/modprobe.d/modgate.conf"), "/usr/sbin/modgate");
        Directory.CreateDirectory(Path.GetDirectoryName(_paths.KernelModprobe)!);
        Directory.CreateDirectory(Path.GetDirectoryName(_paths.LdiscAutoload)!);
        File.WriteAllText(_paths.KernelModprobe, "/sbin/modprobe\n");
        File.WriteAllText(_paths.LdiscAutoload, "1\n");
        File.WriteAllText(_paths.ModulesDisabled, "0\n");
    }

    private static FallbackPlan Plan(string text) =>
        FallbackPlan.For(PolicyCompiler.Compile(PolicyLoader.LoadText("/etc/modgate/policy.conf", text).Document!), ["n_hdlc", "dccp"]);

    [Fact]
    public void Apply_points_the_kernel_at_the_gate_and_disable_puts_everything_back()
    {
        var state = FallbackBackend.Apply(Plan("version 1\nautoload privileged\ndeny module=n_hdlc\n"), ["/etc/modgate/policy.conf"], _paths);

        Assert.Equal(_paths.GateScript + "\n", File.ReadAllText(_paths.KernelModprobe));
        Assert.Equal("0\n", File.ReadAllText(_paths.LdiscAutoload));
        Assert.Equal("0\n", File.ReadAllText(_paths.ModulesDisabled));
        Assert.Contains("exec /usr/sbin/modgate modprobe-gate -- \"$@\"", File.ReadAllText(_paths.GateScript));
        Assert.Contains("install n_hdlc /bin/false", File.ReadAllText(_paths.ModprobeDenyFile));
        Assert.Equal(state, FallbackBackend.Read(_paths)! with { NotEnforced = state.NotEnforced });
        Assert.Equal(state.NotEnforced, FallbackBackend.Read(_paths)!.NotEnforced);

        // A second apply remembers what the system had before the first.
        FallbackBackend.Apply(Plan("version 1\ndeny module=dccp\n"), ["/etc/modgate/policy.conf"], _paths);
        Assert.Equal("/sbin/modprobe", FallbackBackend.Read(_paths)!.ModprobeBefore);
        Assert.Equal("1\n", File.ReadAllText(_paths.LdiscAutoload));

        Assert.True(FallbackBackend.Disable(_paths));
        Assert.Equal("/sbin/modprobe\n", File.ReadAllText(_paths.KernelModprobe));
        Assert.Equal("1\n", File.ReadAllText(_paths.LdiscAutoload));
        Assert.False(File.Exists(_paths.ModprobeDenyFile));
        Assert.False(File.Exists(_paths.GateScript));
        Assert.False(FallbackBackend.Disable(_paths));
    }

    [Fact]
    public void A_modprobe_d_file_not_written_by_modgate_is_never_overwritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_paths.ModprobeDenyFile)!);
        File.WriteAllText(_paths.ModprobeDenyFile, "blacklist floppy\n");
        var e = Assert.Throws<InvalidOperationException>(() => FallbackBackend.Apply(Plan("version 1\ndeny module=n_hdlc\n"), ["/p"], _paths));
        Assert.Equal($"{_paths.ModprobeDenyFile} exists and was not written by modgate: not overwriting it", e.Message);
        Assert.Equal("/sbin/modprobe\n", File.ReadAllText(_paths.KernelModprobe)); // nothing switched
    }

    [Fact]
    public void Load_off_and_lock_disable_modules_and_then_refuse_to_be_disabled()
    {
        FallbackBackend.Apply(Plan("version 1\nload off\nlock\n"), ["/p"], _paths);
        Assert.Equal("1\n", File.ReadAllText(_paths.ModulesDisabled));
        var e = Assert.Throws<PolicyLockedException>(() => FallbackBackend.Disable(_paths));
        Assert.Equal("kernel.modules_disabled=1 was set for `load off` + `lock`: the policy is locked until reboot", e.Message);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
