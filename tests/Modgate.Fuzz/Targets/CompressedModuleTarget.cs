using Modgate.Kernel;

namespace Modgate.Fuzz;

/// <summary>
/// A compressed module file (.ko.xz, .ko.zst, .ko.gz) through <see cref="ModuleFileReader"/>: the system's liblzma,
/// libzstd or .NET's gzip, bounded by a 1 MiB output limit here (a bomb must stop there), then the ELF reader.
/// Seeds: real modules compressed by the real tools, and 8 MiB of zeros (a bomb). Documented error:
/// <see cref="ModuleFileException"/>.
/// </summary>
internal sealed class CompressedModuleTarget(string tool, string extension) : FuzzTarget
{
    private const int OutputLimit = 1 << 20;

    public static CompressedModuleTarget Xz => new("xz", ".xz");

    public static CompressedModuleTarget Zstd => new("zstd", ".zst");

    public static CompressedModuleTarget Gzip => new("gzip", ".gz");

    public override string Name => "ko" + extension;

    /// <summary>Output buffers grow by doubling up to the limit: a few times the limit, plus what the ELF reader needs.</summary>
    public override long AllocationLimit(int inputLength) => 6L * OutputLimit + 200L * OutputLimit + 200L * inputLength;

    public override IReadOnlyList<byte[]> Seeds(SeedFiles files) =>
        [.. ModuleSeeds.Paths(files).Take(5).Select(p => files.Compressed(p, tool, extension)), files.CompressedZeros(8 << 20, tool, extension)];

    protected override string Execute(byte[] input)
    {
        try
        {
            var info = ModuleFileReader.Parse("fuzz.ko" + extension, input, OutputLimit);
            return $"ok:{info.Name is not null}";
        }
        catch (ModuleFileException e)
        {
            return "refused:" + Outcome.Head(e.Problem);
        }
    }
}
