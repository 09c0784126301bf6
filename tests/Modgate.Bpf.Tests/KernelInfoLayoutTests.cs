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

    /// <summary>offsetof(struct C_STRUCT, C_FIELD) for each (C field, C# field) of T, then T's size as the C expression END.</summary>
    private static IEnumerable<(string C, long CSharp)> Offsets<T>(string cStruct, string end, params (string C, string CSharp)[] fields)
        where T : unmanaged =>
        fields.Select(f => ($"offsetof(struct {cStruct}, {f.C})", Offset<T>(f.CSharp))).Append((end, Unsafe.SizeOf<T>()));

    // (C expression, C# figure)
    private static readonly (string C, long CSharp)[] Figures =
    [
        .. Offsets<LibBpf.MapInfo>("bpf_map_info", "offsetof(struct bpf_map_info, ifindex)",
            ("type", "Type"), ("id", "Id"), ("key_size", "KeySize"), ("value_size", "ValueSize"), ("max_entries", "MaxEntries"),
            ("map_flags", "MapFlags"), ("name", "Name")),
        .. Offsets<LibBpf.ProgramInfo>("bpf_prog_info", "offsetof(struct bpf_prog_info, ifindex)",
            ("type", "Type"), ("id", "Id"), ("tag", "Tag"), ("jited_prog_len", "JitedProgramLength"),
            ("xlated_prog_len", "XlatedProgramLength"), ("jited_prog_insns", "JitedProgramInstructions"),
            ("xlated_prog_insns", "XlatedProgramInstructions"), ("load_time", "LoadTime"), ("created_by_uid", "CreatedByUid"),
            ("nr_map_ids", "MapIdCount"), ("map_ids", "MapIds"), ("name", "Name")),
        .. Offsets<LibBpf.LinkInfo>("bpf_link_info", "offsetof(struct bpf_link_info, prog_id) + sizeof(__u32)",
            ("type", "Type"), ("id", "Id"), ("prog_id", "ProgramId")),
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
