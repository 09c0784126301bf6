using Modgate.Bpf;
using Modgate.Enforcement.Applying;

namespace Modgate.Enforcement.Tests.Applying;

/// <summary>BPF LSM where bpf is an active LSM, the same programs as fmod_ret elsewhere; MODGATE_BACKEND forces one.</summary>
public class BackendChoiceTests
{
    [Theory]
    [InlineData(true, null, Backend.BpfLsm)]
    [InlineData(false, null, Backend.BpfFmodRet)]
    [InlineData(false, "", Backend.BpfFmodRet)]
    [InlineData(true, "bpf-fmod-ret", Backend.BpfFmodRet)]
    [InlineData(false, " Fallback ", Backend.Fallback)]
    [InlineData(false, "bpf-lsm", Backend.BpfLsm)]
    public void The_active_lsm_list_decides_unless_forced(bool bpfLsmActive, string? forced, Backend expected) =>
        Assert.Equal(expected, BackendChoice.For(bpfLsmActive, forced));

    [Fact]
    public void An_unknown_value_is_refused_with_the_ones_known()
    {
        var e = Assert.Throws<ConfigurationException>(() => BackendChoice.For(true, "ebpf"));
        Assert.Equal("MODGATE_BACKEND=ebpf: expected bpf-lsm, bpf-fmod-ret or fallback", e.Message);
    }

    [Fact]
    public void Only_the_fmod_ret_backend_attaches_to_security_functions()
    {
        Assert.Equal(HookAttachment.FmodRet, BackendChoice.Hooks(Backend.BpfFmodRet));
        Assert.Equal(HookAttachment.Lsm, BackendChoice.Hooks(Backend.BpfLsm));
        Assert.Equal("bpf-fmod-ret", HookAttachments.BackendName(HookAttachment.FmodRet));
    }
}
