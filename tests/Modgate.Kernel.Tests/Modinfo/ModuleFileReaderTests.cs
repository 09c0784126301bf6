namespace Modgate.Kernel.Tests;

/// <summary>
/// modinfo from real Debian module files, plain and compressed with the real gzip, xz and zstd tools;
/// and broken files, each giving a message that names the file.
/// </summary>
public sealed class ModuleFileReaderTests
{
    private static string RealModule(string relative) => Path.Combine(DebianKernel.ModuleDirectory, relative);

    private static string NHdlc => RealModule("kernel/drivers/tty/n_hdlc.ko");

    [Fact]
    public void Plain_module_gives_name_aliases_and_description()
    {
        var info = ModuleFileReader.Read(NHdlc);
        Assert.Equal("n_hdlc", info.Name);
        Assert.Equal(["tty-ldisc-13"], info.Aliases);
        Assert.Equal("GPL", info.Value("license"));
        Assert.Contains(info.Entries, e => e.Key == "vermagic" && e.Value.StartsWith(DebianKernel.Version.Split('-')[0]));
    }

    [Theory]
    [InlineData("gzip", ".gz")]
    [InlineData("xz", ".xz")]
    [InlineData("zstd", ".zst")]
    public void Compressed_module_gives_the_same_modinfo(string tool, string extension)
    {
        using var t = new SyntheticTree();
        var copy = t.CopyModule(NHdlc, "kernel/n_hdlc.ko");
        var (code, _, stderr) = ProcessRunner.Run(tool, ["-q", copy]);
        Assert.True(code == 0, $"{tool} failed: {stderr}");
        var compressed = copy + extension;
        Assert.True(File.Exists(compressed));
        Assert.Equal(ModuleFileReader.Read(NHdlc).Entries, ModuleFileReader.Read(compressed).Entries);
    }

    [Fact]
    public void A_module_whose_file_name_differs_from_its_name_is_reported_by_the_tree()
    {
        using var t = new SyntheticTree();
        t.CopyModule(NHdlc, "kernel/extra/hdlc-renamed.ko");
        t.With("modules.dep", "kernel/extra/hdlc-renamed.ko:\n").With("modules.alias", "");
        var tree = t.Load();
        var file = Assert.Single(tree.Modules);
        Assert.Equal("hdlc_renamed", file.Name);
        var (info, problem) = tree.ReadModinfo(file);
        Assert.Equal("n_hdlc", info!.Name);
        Assert.Equal($"{t.ModuleDirectory}/kernel/extra/hdlc-renamed.ko: warning: the module inside is named 'n_hdlc', its file name makes modprobe call it 'hdlc_renamed'", problem!.ToString());
    }

    [Fact]
    public void Truncated_elf_names_the_file_and_the_missing_part()
    {
        using var t = new SyntheticTree();
        var path = Path.Combine(t.ModuleDirectory, "truncated.ko");
        File.WriteAllBytes(path, File.ReadAllBytes(NHdlc)[..4096]);
        var e = Assert.Throws<ModuleFileException>(() => ModuleFileReader.Read(path));
        Assert.Equal(path, e.Path);
        Assert.StartsWith("truncated ELF file: section header table at offset ", e.Problem);
        Assert.EndsWith("lies beyond the end of the file (4096 bytes)", e.Problem);
    }

    [Fact]
    public void Truncated_elf_header_is_reported()
    {
        using var t = new SyntheticTree();
        var path = Path.Combine(t.ModuleDirectory, "tiny.ko");
        File.WriteAllBytes(path, File.ReadAllBytes(NHdlc)[..20]);
        var e = Assert.Throws<ModuleFileException>(() => ModuleFileReader.Read(path));
        Assert.Equal("truncated ELF file: ELF header at offset 0 (+64 bytes) lies beyond the end of the file (20 bytes)", e.Problem);
    }

    [Theory]
    [InlineData("xz", ".xz")]
    [InlineData("zstd", ".zst")]
    [InlineData("gzip", ".gz")]
    public void Truncated_compressed_modules_say_they_cannot_decompress(string tool, string extension)
    {
        using var t = new SyntheticTree();
        var copy = t.CopyModule(NHdlc, $"kernel/{tool}/n_hdlc.ko");
        ProcessRunner.Run(tool, ["-q", copy]);
        var compressed = copy + extension;
        var bytes = File.ReadAllBytes(compressed);
        File.WriteAllBytes(compressed, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<ModuleFileException>(() => ModuleFileReader.Read(compressed));
        Assert.Equal(compressed, e.Path);
        Assert.True(e.Problem.StartsWith("cannot decompress: ", StringComparison.Ordinal), $"{tool}: {e.Problem}");
    }

    [Fact]
    public void A_file_whose_name_lies_about_its_compression_says_so()
    {
        using var t = new SyntheticTree();
        var path = t.CopyModule(NHdlc, "kernel/n_hdlc.ko.zst");
        var e = Assert.Throws<ModuleFileException>(() => ModuleFileReader.Read(path));
        Assert.Equal("the name says zstd but the data does not start with its magic bytes", e.Problem);
    }

    [Fact]
    public void An_elf_file_that_is_not_a_module_says_so()
    {
        var e = Assert.Throws<ModuleFileException>(() => ModuleFileReader.Read("/usr/bin/true"));
        Assert.Equal("no .modinfo section: not a kernel module", e.Problem);
    }

    [Fact]
    public void A_missing_or_unreadable_module_file_is_a_diagnostic_of_the_tree()
    {
        using var t = new SyntheticTree();
        Directory.CreateDirectory(Path.Combine(t.ModuleDirectory, "kernel", "dir.ko"));
        t.With("modules.dep", "kernel/gone.ko:\nkernel/dir.ko:\n").With("modules.alias", "");
        var tree = t.Load();
        var (info, problem) = tree.ReadModinfo(tree.ModulesByName["gone"]);
        Assert.Null(info);
        Assert.Equal($"{t.ModuleDirectory}/kernel/gone.ko", problem!.File);
        Assert.StartsWith("cannot read module file: Could not find file", problem.Message);
        (info, problem) = tree.ReadModinfo(tree.ModulesByName["dir"]);
        Assert.Null(info);
        Assert.Equal(DiagnosticSeverity.Error, problem!.Severity);
        Assert.StartsWith("cannot read module file: ", problem.Message);
    }
}
