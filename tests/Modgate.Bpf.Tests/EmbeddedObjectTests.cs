namespace Modgate.Bpf.Tests;

/// <summary>
/// Opening an object only parses the ELF in libbpf (no bpf() call), so these run on the build machine; loading
/// and attaching happen in the QEMU guest tests.
/// </summary>
public sealed class EmbeddedObjectTests
{
    [Theory]
    [InlineData("mg_module_request")]
    [InlineData("mg_post_read_file")]
    [InlineData("mg_post_load_data")]
    [InlineData("mg_capable")]
    [InlineData("mg_task_alloc")]
    [InlineData("mg_bprm_committed_creds")]
    [InlineData("mg_task_prctl")]
    public void Embedded_object_has_the_program(string name)
    {
        using var obj = BpfObject.OpenEmbedded();
        Assert.Equal(name, obj.Program(name).Name);
    }

    [Fact]
    public void Unknown_program_is_a_clear_error()
    {
        using var obj = BpfObject.OpenEmbedded();
        var error = Assert.Throws<KeyNotFoundException>(() => obj.Program("nope"));
        Assert.Equal("no BPF program 'nope' in the object", error.Message);
    }

    [Fact]
    public void Garbage_is_refused_with_the_call_and_errno()
    {
        var error = Assert.Throws<SyscallException>(() => BpfObject.Open("not an ELF file"u8.ToArray(), "junk"));
        Assert.Equal("bpf_object__open_mem(junk)", error.Call);
        Assert.True(error.Errno > 0, $"errno {error.Errno}");
        Assert.StartsWith("bpf_object__open_mem(junk) failed: ", error.Message);
    }
}
