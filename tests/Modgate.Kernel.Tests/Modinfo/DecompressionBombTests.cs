using Modgate.Kernel.Interop;

namespace Modgate.Kernel.Tests;

/// <summary>
/// A small compressed file that decodes to far more than any module (a decompression bomb) stops at the size limit
/// with the decompressor's own error, having allocated about the limit, not the bomb's size. The bombs are 16 MiB
/// of zeros made by the real gzip, xz and zstd tools; the limit in these tests is 1 MiB.
/// </summary>
public sealed class DecompressionBombTests
{
    private const int BombSize = 16 << 20;
    private const int Limit = 1 << 20;

    private static readonly Lazy<Dictionary<string, byte[]>> Bombs = new(() =>
    {
        using var t = new SyntheticTree();
        var zeros = Path.Combine(t.Root, "zeros");
        File.WriteAllBytes(zeros, new byte[BombSize]);
        var bombs = new Dictionary<string, byte[]>();
        foreach (var (tool, extension) in new[] { ("gzip", ".gz"), ("xz", ".xz"), ("zstd", ".zst") })
        {
            var (code, _, stderr) = ProcessRunner.Run(tool, ["-q", "-k", zeros]);
            Assert.True(code == 0, $"{tool} failed: {stderr}");
            bombs[extension] = File.ReadAllBytes(zeros + extension);
        }
        return bombs;
    });

    private static byte[] Decompress(string extension, byte[] data, int limit) => extension switch
    {
        ".gz" => Decompressor.Gzip(data, limit),
        ".xz" => Decompressor.Xz(data, limit),
        _ => Decompressor.Zstd(data, limit),
    };

    [Theory]
    [InlineData(".gz")]
    [InlineData(".xz")]
    [InlineData(".zst")]
    public void A_bomb_stops_at_the_limit_having_allocated_about_the_limit(string extension)
    {
        var bomb = Bombs.Value[extension];
        Assert.True(bomb.Length < BombSize / 100, $"{extension} bomb is {bomb.Length} bytes");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => Decompress(extension, bomb, Limit));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.EndsWith($"decodes to more than {Limit} bytes", e.Message);
        // Growing buffers by doubling costs at most a few times the limit; decoding the whole bomb would cost 16 MiB or more.
        Assert.True(allocated < 6L * Limit, $"{extension}: {allocated} bytes allocated");
    }

    [Theory]
    [InlineData(".gz")]
    [InlineData(".xz")]
    [InlineData(".zst")]
    public void The_same_stream_decodes_under_a_limit_above_its_size(string extension) =>
        Assert.Equal(BombSize, Decompress(extension, Bombs.Value[extension], BombSize + 1).Length);

    [Theory]
    [InlineData(".gz")]
    [InlineData(".xz")]
    [InlineData(".zst")]
    public void A_bomb_named_as_a_module_is_a_module_file_error(string extension)
    {
        var path = "/lib/modules/x/bomb.ko" + extension;
        var e = Assert.Throws<ModuleFileException>(() => ModuleFileReader.Parse(path, Bombs.Value[extension], Limit));
        Assert.StartsWith("cannot decompress: ", e.Problem);
        Assert.EndsWith($"decodes to more than {Limit} bytes", e.Problem);
    }

    [Fact]
    public void The_default_limit_holds_every_module_and_fits_in_an_array() =>
        Assert.InRange(Decompressor.DefaultMaximumSize, 256 << 20, Array.MaxLength);
}
