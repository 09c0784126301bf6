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
    public void Older_kernels_get_the_reduced_object_and_status_names_what_it_lacks_with_the_kernel_that_brings_it()
    {
        var status = WithLsms("capability,bpf", "5.10.0-30-amd64");
        Assert.Equal(
        [
            "kernel 5.10 < 5.11: per-process modes unavailable (no BPF task storage)",
            "kernel 5.10 < 5.11: origin=autoload reaches only the modprobe the kernel starts, not the programs it runs (no BPF task storage)",
            "kernel 5.10 < 5.17: explicit loads of module images with more than 128 sections are judged without a name (no bpf_loop)",
            "no policy applied: run modgate apply",
        ], status.Reasons);
        // The reduced object has no task storage programs: status does not expect them.
        Assert.Equal(5, status.Programs.Count);
        Assert.DoesNotContain(status.Programs, p => p.Program is Bpf.ModgateObject.Programs.TaskAlloc or Bpf.ModgateObject.Programs.BprmCommittedCreds);
        Assert.Equal(7, WithLsms("capability,bpf", "5.17.0-1-amd64").Programs.Count);
        Assert.DoesNotContain(WithLsms("capability,bpf").Reasons, r => r.StartsWith("kernel ", StringComparison.Ordinal));
    }

    [Fact]
    public void Statuses_program_list_matches_the_embedded_objects()
    {
        foreach (var variant in new[] { Bpf.BpfObjectVariant.Full, Bpf.BpfObjectVariant.Reduced })
        {
            using var obj = Bpf.BpfObject.OpenEmbedded(variant);
            foreach (var (program, _, _) in BpfLsm.BpfPins.Programs)
                Assert.Equal(obj.HasProgram(program), ObjectLosses.Has(variant, program));
        }
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
