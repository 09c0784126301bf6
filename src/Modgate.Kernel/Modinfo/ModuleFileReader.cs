using Modgate.Kernel.Interop;

namespace Modgate.Kernel;

/// <summary>How a module file is stored.</summary>
public enum ModuleCompression : byte
{
    None,
    Gzip,
    Xz,
    Zstd,
}

/// <summary>
/// Reads the modinfo of a module file: <c>.ko</c>, <c>.ko.gz</c>, <c>.ko.xz</c> or <c>.ko.zst</c>. The
/// compression is taken from the file name, as kmod does, and checked against the data's magic bytes so
/// a mislabelled file says so.
/// </summary>
public static class ModuleFileReader
{
    public static ModuleCompression CompressionOf(string path) =>
        path.EndsWith(".gz", StringComparison.Ordinal) ? ModuleCompression.Gzip
        : path.EndsWith(".xz", StringComparison.Ordinal) ? ModuleCompression.Xz
        : path.EndsWith(".zst", StringComparison.Ordinal) ? ModuleCompression.Zstd
        : ModuleCompression.None;

    /// <exception cref="ModuleFileException">The file is missing, unreadable, corrupt, truncated or not a module.</exception>
    public static ModuleInfo Read(string path)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModuleFileException(path, $"cannot read module file: {e.Message}");
        }
        return Parse(path, data);
    }

    public static ModuleInfo Parse(string path, byte[] data) => Parse(path, data, Decompressor.DefaultMaximumSize);

    /// <param name="maximumSize">The most a compressed file may decode to; more is corrupt (a decompression bomb).</param>
    internal static ModuleInfo Parse(string path, byte[] data, int maximumSize)
    {
        var compression = CompressionOf(path);
        var expected = MagicOf(compression);
        if (!data.AsSpan().StartsWith(expected))
            throw new ModuleFileException(path, compression == ModuleCompression.None
                ? "not an ELF file (bad magic)"
                : $"the name says {compression.ToString().ToLowerInvariant()} but the data does not start with its magic bytes");
        byte[] elf;
        try
        {
            elf = compression switch
            {
                ModuleCompression.Gzip => Decompressor.Gzip(data, maximumSize),
                ModuleCompression.Xz => Decompressor.Xz(data, maximumSize),
                ModuleCompression.Zstd => Decompressor.Zstd(data, maximumSize),
                _ => data,
            };
        }
        catch (InvalidDataException e)
        {
            throw new ModuleFileException(path, $"cannot decompress: {e.Message}");
        }
        catch (DllNotFoundException e)
        {
            throw new ModuleFileException(path, $"cannot decompress: the system library is missing ({e.Message}); install liblzma5 / libzstd1");
        }
        return ElfModinfo.Parse(path, elf);
    }

    private static ReadOnlySpan<byte> MagicOf(ModuleCompression compression) => compression switch
    {
        ModuleCompression.Gzip => [0x1F, 0x8B],
        ModuleCompression.Xz => [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00],
        ModuleCompression.Zstd => [0x28, 0xB5, 0x2F, 0xFD],
        _ => [0x7F, (byte)'E', (byte)'L', (byte)'F'],
    };
}
