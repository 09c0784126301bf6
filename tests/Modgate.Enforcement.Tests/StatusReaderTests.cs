using Modgate.Enforcement.Status;

namespace Modgate.Enforcement.Tests;

/// <summary>status reads only files: here an LSM list written by the test (the build machine's kernel is never touched).</summary>
public sealed class StatusReaderTests
{
    private static EnforcementStatus WithLsms(string lsms, string release = "6.1.0-56-amd64")
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, lsms);
            return StatusReader.Read(file, release);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Without_bpf_in_the_LSM_list_status_is_partial_and_says_how_to_fix_it()
    {
        var status = WithLsms("lockdown,capability,landlock,yama,apparmor");
        Assert.Equal(EnforcementLevel.Partial, status.Level);
        Assert.Contains("bpf not in active LSM list (lockdown,capability,landlock,yama,apparmor): " +
                        "add lsm=lockdown,capability,landlock,yama,apparmor,bpf to the kernel command line", status.Reasons);
    }

    [Fact]
    public void With_bpf_active_but_no_policy_status_is_none_and_says_to_apply()
    {
        // The build machine has no modgate pins (tests never apply on the host).
        var status = WithLsms("capability,bpf");
        Assert.Equal(EnforcementLevel.None, status.Level);
        Assert.Contains("no policy applied: run modgate apply", status.Reasons);
        Assert.All(status.Programs, p => Assert.False(p.Attached));
        Assert.Equal(7, status.Programs.Count);
    }

    [Fact]
    public void Older_kernels_name_each_missing_feature_with_its_minimum()
    {
        var status = WithLsms("capability,bpf", "5.10.0-30-amd64");
        Assert.Contains("kernel 5.10 < 5.11: per-process modes unavailable (BPF task storage)", status.Reasons);
        Assert.Contains("kernel 5.10 < 5.15: unload decisions unavailable (bpf_task_pt_regs)", status.Reasons);
        Assert.Contains("kernel 5.10 < 5.17: explicit load by module name unavailable (bpf_loop)", status.Reasons);
        Assert.DoesNotContain(WithLsms("capability,bpf").Reasons, r => r.StartsWith("kernel ", StringComparison.Ordinal));
    }

    [Fact]
    public void Kernel_without_BPF_LSM_is_partial_at_most()
    {
        var status = WithLsms("capability,bpf", "5.4.0-1-amd64");
        Assert.Equal(EnforcementLevel.Partial, status.Level);
        Assert.Contains("kernel 5.4 < 5.7: no BPF LSM", status.Reasons);
    }

    [Theory]
    [InlineData("6.1.0-56-amd64", 6, 1)]
    [InlineData("5.10.0-30-amd64", 5, 10)]
    [InlineData("6.18.44-fc-v595", 6, 18)]
    public void Kernel_release_parses_to_major_minor(string release, int major, int minor) =>
        Assert.Equal(new Version(major, minor), KernelVersion.Parse(release));

    [Fact]
    public void Unparseable_release_gives_no_version() => Assert.Null(KernelVersion.Parse("weird"));
}
