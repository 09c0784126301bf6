namespace Modgate.Kernel.Tests;

/// <summary>
/// Section offsets and sizes whose sum wraps past 2^63 (found by the fuzz harness): the reader must refuse them with a
/// <see cref="ModuleFileException"/>, not fail inside a slice with ArgumentOutOfRangeException.
/// </summary>
public sealed class ElfModinfoBadInputTests
{
    private static ElfEditor NHdlc() => new(File.ReadAllBytes(Path.Combine(DebianKernel.ModuleDirectory, "kernel/drivers/tty/n_hdlc.ko")));

    [Fact]
    public void A_name_table_whose_offset_plus_size_wraps_is_refused()
    {
        var elf = NHdlc();
        var names = elf.NameTableIndex;
        // The fuzzer's input: both fields 0x7070707070707070, their sum negative as a long.
        elf.SetOffset(names, 0x7070707070707070).SetSize(names, 0x7070707070707070);
        var e = Assert.Throws<ModuleFileException>(() => ModuleFileReader.Parse("n_hdlc.ko", elf.Bytes));
        Assert.StartsWith("truncated ELF file: section name table at offset ", e.Problem);
    }

    [Fact]
    public void A_name_table_offset_beyond_long_is_refused()
    {
        var elf = NHdlc();
        elf.SetOffset(elf.NameTableIndex, ulong.MaxValue - 7);
        Assert.Throws<ModuleFileException>(() => ModuleFileReader.Parse("n_hdlc.ko", elf.Bytes));
    }

    [Fact]
    public void An_empty_name_in_modinfo_is_no_name_and_the_struct_module_name_is_used()
    {
        // Found by afl-fuzz: "name=" with nothing after it gave the module the name "".
        var elf = NHdlc();
        var modinfo = (int)elf.Offset(elf.IndexOf(".modinfo"));
        var at = elf.Bytes.AsSpan(modinfo).IndexOf("name=n_hdlc\0"u8) + modinfo + "name=".Length;
        for (var i = 0; i < "n_hdlc".Length; i++) elf.SetByte(at + i, 0);
        var info = ModuleFileReader.Parse("n_hdlc.ko", elf.Bytes);
        Assert.Equal("n_hdlc", info.Name);
        Assert.Contains(new KeyValuePair<string, string>("name", ""), info.Entries);
    }

    [Theory]
    [InlineData(0xFFFFFFFFFFFFFFF8UL, 8UL)]                    // negative as a long, sum 0
    [InlineData(0x7070707070707070UL, 0x7070707070707070UL)]  // sum wraps negative
    public void A_this_module_section_outside_the_file_is_ignored_for_the_name(ulong offset, ulong size)
    {
        var elf = NHdlc();
        var module = elf.IndexOf(".gnu.linkonce.this_module");
        elf.SetOffset(module, offset).SetSize(module, size);
        // modinfo's name= still names the module; the struct is not needed.
        Assert.Equal("n_hdlc", ModuleFileReader.Parse("n_hdlc.ko", elf.Bytes).Name);
    }
}
