namespace Modgate.Bpf.Tests;

/// <summary>
/// Opening an object only parses the ELF in libbpf (no bpf() call), so these run on the build machine; loading
/// and attaching happen in the QEMU guest tests.
/// </summary>
public sealed class EmbeddedObjectTests
{
    public static TheoryData<string> ProgramNames() => new(ModgateObject.Programs.All);

    [Theory]
    [MemberData(nameof(ProgramNames))]
    public void Embedded_object_has_the_program(string name)
    {
        using var obj = BpfObject.OpenEmbedded();
        Assert.Equal(name, obj.Program(name).Name);
    }

    [Fact]
    public void Every_named_map_is_in_the_embedded_object()
    {
        using var obj = BpfObject.OpenEmbedded();
        Assert.All(ModgateObject.Maps.All, m => Assert.True(obj.HasMap(m), m));
    }

    [Fact]
    public void Every_named_map_and_program_of_the_lock_is_in_its_object()
    {
        using var stream = typeof(BpfObject).Assembly.GetManifestResourceStream("modgate_lock.bpf.o")!;
        var elf = new byte[stream.Length];
        stream.ReadExactly(elf);
        using var obj = BpfObject.Open(elf, "modgate_lock");
        Assert.All(LockObject.Maps.All, m => Assert.True(obj.HasMap(m), m));
        Assert.All(LockObject.Programs.All, p => Assert.True(obj.HasProgram(p), p));
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
