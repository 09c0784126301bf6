using System.Buffers.Binary;
using System.Text;

namespace Modgate.Kernel.Tests;

/// <summary>
/// The module name scan on real Debian 6.1 modules and on crafted images: each mutation is made on a real module,
/// and most have a control (the same edit that should not change the outcome) so that a scan ignoring the field fails.
/// </summary>
public sealed class ModuleImageNameTests
{
    private const string ThisModule = ".gnu.linkonce.this_module";

    private static readonly Lazy<byte[]> NHdlcBytes = new(() => File.ReadAllBytes(Path.Combine(DebianKernel.ModuleDirectory, "kernel/drivers/tty/n_hdlc.ko")));

    /// <summary>sizeof(struct module) and offsetof(struct module, name) of the Debian kernel, read from n_hdlc's own section.</summary>
    private static readonly Lazy<(uint Size, uint NameOffset)> Layout = new(() =>
    {
        var elf = new ElfEditor(NHdlcBytes.Value);
        var section = elf.Contents(elf.IndexOf(ThisModule));
        var at = section.AsSpan().IndexOf("n_hdlc\0"u8);
        Assert.True(at > 0, "n_hdlc's struct module does not hold its name");
        return ((uint)section.Length, (uint)at);
    });

    private static uint Size => Layout.Value.Size;

    private static uint NameOffset => Layout.Value.NameOffset;

    private static ElfEditor NHdlc() => new(NHdlcBytes.Value);

    private static ModuleImageNameResult Read(byte[] image) => ModuleImageName.Read(image, Size, NameOffset);

    private static void AssertRefused(ModuleImageRefusal expected, byte[] image)
    {
        var result = Read(image);
        Assert.True(result.Refusal == expected, $"expected {expected}, got {result}");
        Assert.Null(result.Name);
        Assert.False(string.IsNullOrEmpty(result.Message));
    }

    /// <summary>A struct module image of the kernel's size holding NAME, to append to an image.</summary>
    private static byte[] FakeStruct(string name)
    {
        var bytes = new byte[Size];
        Encoding.ASCII.GetBytes(name).CopyTo(bytes, (int)NameOffset);
        return bytes;
    }

    [Fact]
    public void The_debian_layout_is_the_one_of_6_1_x86_64()
    {
        Assert.Equal(24u, NameOffset); // after enum module_state and struct list_head
        Assert.Equal(896u, Size);
    }

    [Fact]
    public void A_real_module_gives_its_name()
    {
        var result = Read(NHdlcBytes.Value);
        Assert.Equal(new ModuleImageNameResult("n_hdlc", ModuleImageRefusal.None, null), result);
    }

    [Fact]
    public void Every_module_of_the_debian_tree_gives_the_name_of_its_modinfo()
    {
        var files = Directory.EnumerateFiles(DebianKernel.ModuleDirectory, "*.ko", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count > 3000, $"only {files.Count} modules");
        var wrong = new List<string>();
        foreach (var file in files)
        {
            var image = File.ReadAllBytes(file);
            var expected = ModuleFileReader.Parse(file, image).Name;
            var result = Read(image);
            if (result.Name != expected) wrong.Add($"{file}: {result} (modinfo: {expected})");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(10)));
    }

    [Fact]
    public void Section_zero_named_like_the_module_section_is_not_the_module_section()
    {
        var elf = NHdlc();
        var real = elf.IndexOf(ThisModule);
        var fake = elf.Append(FakeStruct("impostor"));
        elf.SetNameOffset(0, elf.NameOffset(real)).SetFlags(0, ElfEditor.ShfAlloc).SetOffset(0, (ulong)fake).SetSize(0, Size);
        Assert.Equal("n_hdlc", Read(elf.Bytes).Name);
    }

    [Fact]
    public void A_module_section_without_alloc_before_the_real_one_is_skipped()
    {
        var elf = NHdlc();
        var real = elf.IndexOf(ThisModule);
        var earlier = elf.IndexOf(".modinfo");
        Assert.True(earlier < real);
        var fake = elf.Append(FakeStruct("impostor"));
        elf.SetNameOffset(earlier, elf.NameOffset(real)).SetOffset(earlier, (ulong)fake).SetSize(earlier, Size);
        elf.SetFlags(earlier, elf.Flags(earlier) & ~ElfEditor.ShfAlloc);
        Assert.Equal("n_hdlc", Read(elf.Bytes).Name);

        // Control: with SHF_ALLOC the earlier one is the module section, as for find_sec.
        elf.SetFlags(earlier, elf.Flags(earlier) | ElfEditor.ShfAlloc);
        Assert.Equal("impostor", Read(elf.Bytes).Name);
    }

    [Fact]
    public void A_section_whose_name_only_starts_like_the_module_section_is_not_it()
    {
        var elf = NHdlc();
        var real = elf.IndexOf(ThisModule);
        // ".rela.gnu.linkonce.this_module" + 5 is ".gnu.linkonce.this_module" itself: point the real one at a longer name instead.
        var rela = elf.IndexOf(".rela" + ThisModule);
        elf.SetNameOffset(real, elf.NameOffset(rela));
        AssertRefused(ModuleImageRefusal.NoModuleSection, elf.Bytes);
        elf.SetNameOffset(real, elf.NameOffset(rela) + 5);
        Assert.Equal("n_hdlc", Read(elf.Bytes).Name);
    }

    [Theory]
    [InlineData(4, 1)] // ELFCLASS32
    [InlineData(4, 0)]
    [InlineData(5, 2)] // big endian
    [InlineData(5, 0)]
    [InlineData(0, 0x7E)]
    [InlineData(3, (byte)'f')]
    public void Header_identity_other_than_64_bit_little_endian_elf_is_refused(int at, byte value) =>
        AssertRefused(ModuleImageRefusal.NotElf64Rel, NHdlc().SetByte(at, value).Bytes);

    [Fact]
    public void Header_type_and_machine_must_be_a_relocatable_x86_64_object()
    {
        AssertRefused(ModuleImageRefusal.NotElf64Rel, NHdlc().SetU16(16, 2).Bytes);  // ET_EXEC
        AssertRefused(ModuleImageRefusal.NotElf64Rel, NHdlc().SetU16(18, 183).Bytes); // EM_AARCH64
        AssertRefused(ModuleImageRefusal.BadSectionTable, NHdlc().SetU16(58, 40).Bytes);
    }

    [Fact]
    public void Section_table_and_name_table_index_are_checked()
    {
        var length = (ulong)NHdlcBytes.Value.Length;
        AssertRefused(ModuleImageRefusal.BadSectionTable, NHdlc().SetU64(40, length).Bytes);
        AssertRefused(ModuleImageRefusal.BadSectionTable, NHdlc().SetU64(40, ulong.MaxValue - 10).Bytes);
        var elf = NHdlc();
        var fitting = (length - BinaryPrimitives.ReadUInt64LittleEndian(elf.Bytes.AsSpan(40))) / 64;
        AssertRefused(ModuleImageRefusal.BadSectionTable, elf.SetU16(60, (ushort)(fitting + 1)).Bytes);
        AssertRefused(ModuleImageRefusal.BadNameTable, NHdlc().SetU16(62, 0).Bytes);
        elf = NHdlc();
        AssertRefused(ModuleImageRefusal.BadNameTable, elf.SetU16(62, (ushort)elf.SectionCount).Bytes);
    }

    [Fact]
    public void The_name_table_must_be_in_the_image_and_nul_terminated()
    {
        var elf = NHdlc();
        var names = elf.NameTableIndex;
        var last = (int)(elf.Offset(names) + elf.Size(names) - 1);
        AssertRefused(ModuleImageRefusal.BadNameTable, NHdlc().SetByte(last, (byte)'x').Bytes);
        AssertRefused(ModuleImageRefusal.BadNameTable, NHdlc().SetSize(names, 0).Bytes);
        AssertRefused(ModuleImageRefusal.BadNameTable, NHdlc().SetType(names, ElfEditor.ShtNobits).Bytes);
        AssertRefused(ModuleImageRefusal.BadNameTable, NHdlc().SetSize(names, ulong.MaxValue).Bytes);
        // Control: a shorter table that still ends in a NUL is read (the module section's name lies before the cut).
        var cut = NHdlc();
        var moduleName = cut.NameOffset(cut.IndexOf(ThisModule));
        cut.SetSize(names, moduleName + (uint)ThisModule.Length + 1);
        Assert.Equal("n_hdlc", Read(cut.Bytes).Name);
    }

    [Fact]
    public void Every_section_must_lie_in_the_image_except_null_and_nobits()
    {
        var elf = NHdlc();
        var modinfo = elf.IndexOf(".modinfo");
        // offset + size wraps to a small number: the overflow check, not the sum, must refuse it.
        AssertRefused(ModuleImageRefusal.BadSection, NHdlc().SetOffset(modinfo, ulong.MaxValue - 1).SetSize(modinfo, 4).Bytes);
        AssertRefused(ModuleImageRefusal.BadSection, NHdlc().SetSize(modinfo, (ulong)elf.Bytes.Length).Bytes);
        // Control: the same section as SHT_NOBITS takes no room in the image.
        Assert.Equal("n_hdlc", Read(NHdlc().SetType(modinfo, ElfEditor.ShtNobits).SetSize(modinfo, ulong.MaxValue).Bytes).Name);
    }

    [Fact]
    public void A_symbol_table_must_link_to_a_section()
    {
        var elf = NHdlc();
        var symtab = elf.IndexOf(".symtab");
        AssertRefused(ModuleImageRefusal.BadSection, NHdlc().SetLink(symtab, 0).Bytes);
        AssertRefused(ModuleImageRefusal.BadSection, NHdlc().SetLink(symtab, (uint)elf.SectionCount).Bytes);
        Assert.Equal("n_hdlc", Read(NHdlc().SetLink(symtab, (uint)elf.SectionCount - 1).Bytes).Name);
    }

    [Fact]
    public void The_module_section_must_be_struct_module_in_the_image()
    {
        var elf = NHdlc();
        var module = elf.IndexOf(ThisModule);
        AssertRefused(ModuleImageRefusal.NoModuleSection, NHdlc().SetFlags(module, 0).Bytes);
        AssertRefused(ModuleImageRefusal.BadModuleSection, NHdlc().SetSize(module, Size - 8).Bytes);
        AssertRefused(ModuleImageRefusal.BadModuleSection, NHdlc().SetType(module, ElfEditor.ShtNobits).Bytes);
        AssertRefused(ModuleImageRefusal.BadModuleSection, NHdlc().SetType(module, 0).SetOffset(module, (ulong)elf.Bytes.Length).Bytes);
        // Control: the name is read where the section header says the section is.
        Assert.Equal("impostor", Read(Relocated(NHdlc(), FakeStruct("impostor"))).Name);
    }

    /// <summary>The module section moved to a struct appended at the end (its relocations still point into it).</summary>
    private static byte[] Relocated(ElfEditor elf, byte[] contents)
    {
        var module = elf.IndexOf(ThisModule);
        var at = elf.Append(contents);
        return elf.SetOffset(module, (ulong)at).Bytes;
    }

    [Fact]
    public void The_name_must_be_non_empty_and_nul_terminated_within_56_bytes()
    {
        AssertRefused(ModuleImageRefusal.BadName, Relocated(NHdlc(), FakeStruct("")));
        AssertRefused(ModuleImageRefusal.BadName, Relocated(NHdlc(), FakeStruct(new string('a', 56))));
        Assert.Equal(new string('a', 55), Read(Relocated(NHdlc(), FakeStruct(new string('a', 55)))).Name);
    }

    [Theory]
    [InlineData(-7, true)]
    [InlineData(-8, false)]
    [InlineData(0, true)]
    [InlineData(55, true)]
    [InlineData(56, false)]
    public void A_relocation_that_writes_into_the_name_is_refused(int fromName, bool refused)
    {
        var elf = NHdlc();
        var rela = elf.IndexOf(".rela" + ThisModule);
        Assert.Equal((uint)elf.IndexOf(ThisModule), elf.Info(rela));
        // The second entry, so that a scan of the first entry only misses it.
        var image = elf.SetU64((int)elf.Offset(rela) + 24, (ulong)(NameOffset + fromName)).Bytes;
        if (refused) AssertRefused(ModuleImageRefusal.RelocatesName, image);
        else Assert.Equal("n_hdlc", Read(image).Name);
    }

    [Fact]
    public void Rel_sections_count_too_and_entry_sizes_are_checked()
    {
        var elf = NHdlc();
        var rela = elf.IndexOf(".rela" + ThisModule);
        // As SHT_REL the 48 bytes are three 16-byte entries; the third's r_offset is the second RELA entry's r_offset.
        var asRel = NHdlc().SetType(rela, ElfEditor.ShtRel).SetEntrySize(rela, 16);
        Assert.Equal("n_hdlc", Read(asRel.Bytes).Name);
        AssertRefused(ModuleImageRefusal.RelocatesName, asRel.SetU64((int)elf.Offset(rela) + 32, NameOffset).Bytes);
        AssertRefused(ModuleImageRefusal.BadSection, NHdlc().SetType(rela, ElfEditor.ShtRel).Bytes);
        AssertRefused(ModuleImageRefusal.BadSection, NHdlc().SetEntrySize(rela, 16).Bytes);
        // A relocation section for another section may write anywhere.
        Assert.Equal("n_hdlc", Read(NHdlc().SetInfo(rela, 1).SetU64((int)elf.Offset(rela), NameOffset).Bytes).Name);
    }

    [Theory]
    [InlineData(64, false)]
    [InlineData(65, true)]
    public void More_relocations_than_the_bpf_side_scans_are_refused(int count, bool refused)
    {
        var elf = NHdlc();
        var rela = elf.IndexOf(".rela" + ThisModule);
        var entries = new byte[count * 24]; // r_offset 0: struct module's state, far from the name
        var at = elf.Append(entries);
        var image = elf.SetOffset(rela, (ulong)at).SetSize(rela, (ulong)entries.Length).Bytes;
        if (refused) AssertRefused(ModuleImageRefusal.TooManyRelocations, image);
        else Assert.Equal("n_hdlc", Read(image).Name);
    }

    [Fact]
    public void More_sections_than_the_bpf_side_walks_are_refused()
    {
        var sections = NHdlc().SectionCount;
        var refused = ModuleImageName.Read(NHdlcBytes.Value, Size, NameOffset, maxSections: sections - 1);
        Assert.Equal(ModuleImageRefusal.TooManySections, refused.Refusal);
        Assert.Equal("n_hdlc", ModuleImageName.Read(NHdlcBytes.Value, Size, NameOffset, maxSections: sections).Name);
    }

    [Fact]
    public void Every_truncation_of_a_real_module_is_refused_without_an_exception()
    {
        var image = NHdlcBytes.Value;
        // The section header table comes last but for the appended signature, which the kernel strips before its own
        // checks: every cut before the table's end loses part of the table, every cut after it only signature bytes.
        var tableEnd = (int)BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(40)) + 64 * new ElfEditor(image).SectionCount;
        for (var length = 0; length <= image.Length; length += length < 128 ? 1 : 61)
        {
            var result = Read(image[..length]);
            if (length >= tableEnd) Assert.Equal("n_hdlc", result.Name);
            else Assert.Equal(length < 64 ? ModuleImageRefusal.NotElf64Rel : ModuleImageRefusal.BadSectionTable, result.Refusal);
        }
    }

    [Fact]
    public void A_layout_whose_name_does_not_fit_in_struct_module_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ModuleImageName.Read(NHdlcBytes.Value, 64, 24));
}
