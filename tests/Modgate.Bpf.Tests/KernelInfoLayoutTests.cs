using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Modgate.Bpf.Interop;
using Modgate.Tests.Shared;

namespace Modgate.Bpf.Tests;

/// <summary>
/// The mirrors of the kernel's bpf_map_info, bpf_prog_info and bpf_link_info (read by BPF_OBJ_GET_INFO_BY_FD) must
/// match linux/bpf.h field for field, and each must end where the kernel's next field begins: gcc prints the C figures.
/// </summary>
public sealed class KernelInfoLayoutTests
{
    private static long Offset<T>(string field) where T : unmanaged => (long)Marshal.OffsetOf<T>(field);

    // (C expression, C# figure)
    private static readonly (string C, long CSharp)[] Figures =
    [
        ("offsetof(struct bpf_map_info, type)", Offset<LibBpf.MapInfo>(nameof(LibBpf.MapInfo.Type))),
        ("offsetof(struct bpf_map_info, id)", Offset<LibBpf.MapInfo>(nameof(LibBpf.MapInfo.Id))),
        ("offsetof(struct bpf_map_info, key_size)", Offset<LibBpf.MapInfo>(nameof(LibBpf.MapInfo.KeySize))),
        ("offsetof(struct bpf_map_info, value_size)", Offset<LibBpf.MapInfo>(nameof(LibBpf.MapInfo.ValueSize))),
        ("offsetof(struct bpf_map_info, max_entries)", Offset<LibBpf.MapInfo>(nameof(LibBpf.MapInfo.MaxEntries))),
        ("offsetof(struct bpf_map_info, map_flags)", Offset<LibBpf.MapInfo>(nameof(LibBpf.MapInfo.MapFlags))),
        ("offsetof(struct bpf_map_info, name)", Offset<LibBpf.MapInfo>(nameof(LibBpf.MapInfo.Name))),
        ("offsetof(struct bpf_map_info, ifindex)", Unsafe.SizeOf<LibBpf.MapInfo>()),
        ("offsetof(struct bpf_prog_info, type)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.Type))),
        ("offsetof(struct bpf_prog_info, id)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.Id))),
        ("offsetof(struct bpf_prog_info, tag)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.Tag))),
        ("offsetof(struct bpf_prog_info, jited_prog_len)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.JitedProgramLength))),
        ("offsetof(struct bpf_prog_info, xlated_prog_len)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.XlatedProgramLength))),
        ("offsetof(struct bpf_prog_info, jited_prog_insns)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.JitedProgramInstructions))),
        ("offsetof(struct bpf_prog_info, xlated_prog_insns)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.XlatedProgramInstructions))),
        ("offsetof(struct bpf_prog_info, load_time)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.LoadTime))),
        ("offsetof(struct bpf_prog_info, created_by_uid)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.CreatedByUid))),
        ("offsetof(struct bpf_prog_info, nr_map_ids)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.MapIdCount))),
        ("offsetof(struct bpf_prog_info, map_ids)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.MapIds))),
        ("offsetof(struct bpf_prog_info, name)", Offset<LibBpf.ProgramInfo>(nameof(LibBpf.ProgramInfo.Name))),
        ("offsetof(struct bpf_prog_info, ifindex)", Unsafe.SizeOf<LibBpf.ProgramInfo>()),
        ("offsetof(struct bpf_link_info, type)", Offset<LibBpf.LinkInfo>(nameof(LibBpf.LinkInfo.Type))),
        ("offsetof(struct bpf_link_info, id)", Offset<LibBpf.LinkInfo>(nameof(LibBpf.LinkInfo.Id))),
        ("offsetof(struct bpf_link_info, prog_id)", Offset<LibBpf.LinkInfo>(nameof(LibBpf.LinkInfo.ProgramId))),
        ("offsetof(struct bpf_link_info, prog_id) + sizeof(__u32)", Unsafe.SizeOf<LibBpf.LinkInfo>()),
        ("BPF_OBJ_NAME_LEN", LibBpf.ObjectNameLength),
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, long>> CFigures =
        new(() => NativeProbe.CFigures(["<linux/bpf.h>"], Figures.Select(f => f.C)));

    public static TheoryData<string, long> Expressions() => NativeProbe.Cases(Figures);

    [Theory]
    [MemberData(nameof(Expressions))]
    public void CSharp_figure_equals_the_C_one(string expression, long csharp) =>
        Assert.Equal(CFigures.Value[expression], csharp);
}
