using System.Buffers.Binary;
using Modgate.Bpf.Kernel;

namespace Modgate.Bpf.Tests;

/// <summary>
/// The reduced object (modgate.bpf.c built with -DMG_REDUCED) is what kernels 5.7–5.16 load: it must hold no call of a
/// helper those kernels lack and no task storage map, and keep every program but the two that need task storage.
/// Read from the ELF on the build machine (nothing is loaded); the verifier's verdict comes from the 5.10 guest tests.
/// </summary>
public sealed class ReducedObjectTests
{
    private static byte[] Embedded(string resource)
    {
        using var stream = typeof(BpfObject).Assembly.GetManifestResourceStream(resource)!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Helper ids called by the programs of an ELF BPF object (instructions BPF_JMP|BPF_CALL with src_reg 0).</summary>
    private static HashSet<int> HelpersCalled(byte[] elf)
    {
        var helpers = new HashSet<int>();
        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28));
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3a));
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3c));
        for (var i = 0; i < shnum; i++)
        {
            var sh = elf.AsSpan(shoff + i * shentsize);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]);
            var flags = BinaryPrimitives.ReadUInt64LittleEndian(sh[8..]);
            if (type != 1 /* PROGBITS */ || (flags & 4 /* EXECINSTR */) == 0) continue;
            var offset = (int)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]);
            var size = (int)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x20..]);
            for (var at = offset; at + 8 <= offset + size; at += 8)
                if (elf[at] == 0x85 && (elf[at + 1] >> 4) == 0)
                    helpers.Add(BinaryPrimitives.ReadInt32LittleEndian(elf.AsSpan(at + 4)));
        }
        return helpers;
    }

    // bpf_get_current_task_btf (5.11), bpf_task_storage_get (5.11), bpf_task_pt_regs (5.15), bpf_find_vma (5.17), bpf_loop (5.17)
    private static readonly int[] NewerHelpers = [158, 156, 175, 180, 181];

    [Fact]
    public void Reduced_object_calls_no_helper_newer_than_5_10()
    {
        var called = HelpersCalled(Embedded("modgate_reduced.bpf.o"));
        Assert.Contains(113, called); // bpf_probe_read_kernel: the scan does find calls
        Assert.Empty(called.Intersect(NewerHelpers));
    }

    [Fact]
    public void Full_object_uses_the_newer_helpers_the_reduced_one_avoids()
    {
        var called = HelpersCalled(Embedded("modgate.bpf.o"));
        Assert.Equal(NewerHelpers.Order(), called.Intersect(NewerHelpers).Order());
    }

    [Theory]
    [InlineData(ModgateObject.Programs.ModuleRequest, true)]
    [InlineData(ModgateObject.Programs.PostReadFile, true)]
    [InlineData(ModgateObject.Programs.PostLoadData, true)]
    [InlineData(ModgateObject.Programs.Capable, true)]
    [InlineData(ModgateObject.Programs.TaskPrctl, true)]
    [InlineData(ModgateObject.Programs.TaskAlloc, false)]
    [InlineData(ModgateObject.Programs.BprmCommittedCreds, false)]
    public void Reduced_object_keeps_every_program_but_those_of_task_storage(string program, bool present)
    {
        using var obj = BpfObject.OpenEmbedded(BpfObjectVariant.Reduced);
        Assert.Equal(present, obj.HasProgram(program));
        Assert.False(obj.HasMap(ModgateObject.Maps.Tasks));
        Assert.True(obj.HasMap(ModgateObject.Maps.Events));
    }

    [Theory]
    [InlineData(5, 17, null, BpfObjectVariant.Full)]
    [InlineData(6, 1, "", BpfObjectVariant.Full)]
    [InlineData(5, 16, null, BpfObjectVariant.Reduced)]
    [InlineData(5, 10, null, BpfObjectVariant.Reduced)]
    public void Kernels_with_every_feature_get_the_full_object_and_others_the_reduced_one(int major, int minor, string? forced, BpfObjectVariant expected) =>
        Assert.Equal(expected, BpfObjectChoice.For(BpfFeatures.ImpliedBy(new Version(major, minor)), forced));

    [Fact]
    public void A_kernel_without_find_vma_gets_the_reduced_object() =>
        Assert.Equal(BpfObjectVariant.Reduced, BpfObjectChoice.For(new BpfFeatures(true, true, true, true, FindVma: false), null));

    [Fact]
    public void The_environment_variable_forces_either_object_and_refuses_anything_else()
    {
        Assert.Equal(BpfObjectVariant.Full, BpfObjectChoice.For(BpfFeatures.ImpliedBy(new Version(5, 10)), "full"));
        Assert.Equal(BpfObjectVariant.Reduced, BpfObjectChoice.For(BpfFeatures.ImpliedBy(new Version(6, 1)), " Reduced "));
        var error = Assert.Throws<BpfObjectChoiceException>(() => BpfObjectChoice.For(BpfFeatures.ImpliedBy(new Version(6, 1)), "fast"));
        Assert.Equal("MODGATE_BPF_OBJECT=fast: expected full or reduced", error.Message);
    }

    [Theory]
    [InlineData(5, 10, false, false, false, false, false)]
    [InlineData(5, 11, true, true, false, false, false)]
    [InlineData(5, 15, true, true, true, false, false)]
    public void Features_appear_at_their_first_kernel(int major, int minor, bool taskStorage, bool currentTaskBtf, bool taskPtRegs, bool loop, bool findVma) =>
        Assert.Equal(new BpfFeatures(taskStorage, currentTaskBtf, taskPtRegs, loop, findVma), BpfFeatures.ImpliedBy(new Version(major, minor)));

    [Fact]
    public void Kernel_5_17_has_every_feature() => Assert.True(BpfFeatures.ImpliedBy(new Version(5, 17)).All);
}
