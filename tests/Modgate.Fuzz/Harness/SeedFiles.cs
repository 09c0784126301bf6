
namespace Modgate.Fuzz;

/// <summary>
/// Where seeds come from: the real Debian 6.1 module tree (fetched and cached by scripts/fetch-debian-kernel.sh, as
/// for the kernel tests), the repository's fixtures and examples, and files compressed by the real gzip, xz and zstd.
/// </summary>
internal sealed class SeedFiles : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("modgate-fuzz-seeds-");

    public string ModuleDirectory => DebianKernel.ModuleDirectory;

    public string Repository => RepositoryRoot.Path;

    public string InModules(string relative) => Path.Combine(ModuleDirectory, relative);

    public string InRepository(string relative) => Path.Combine(Repository, relative);

    /// <summary>
    /// The head of a file and <paramref name="count"/> more runs of <paramref name="records"/> records at evenly spaced
    /// places: real content of every kind the file has, small enough to mutate quickly.
    /// </summary>
    public IReadOnlyList<byte[]> Slices(string path, int count, int records, byte separator = (byte)'\n')
    {
        var bytes = File.ReadAllBytes(path);
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == separator && i + 1 < bytes.Length) starts.Add(i + 1);
        var slices = new List<byte[]>();
        for (var k = 0; k <= count; k++)
        {
            var first = k == 0 ? 0 : (int)((long)starts.Count * k / (count + 1));
            var last = Math.Min(first + records, starts.Count);
            var end = last == starts.Count ? bytes.Length : starts[last];
            slices.Add(bytes[starts[first]..end]);
        }
        return slices;
    }

    /// <summary>The <paramref name="count"/> smallest module files of the tree, then the named ones.</summary>
    public IReadOnlyList<string> Modules(int count, params string[] named) =>
        [.. Directory.EnumerateFiles(ModuleDirectory, "*.ko", SearchOption.AllDirectories)
            .OrderBy(f => new FileInfo(f).Length).ThenBy(f => f, StringComparer.Ordinal).Take(count),
         .. named.Select(InModules)];

    /// <summary>A copy of <paramref name="path"/> compressed by TOOL (gzip, xz or zstd) with its default settings.</summary>
    public byte[] Compressed(string path, string tool, string extension)
    {
        var copy = Path.Combine(_scratch.FullName, $"{Guid.NewGuid():N}-{Path.GetFileName(path)}");
        File.Copy(path, copy);
        var (code, _, stderr) = ProcessRunner.Run(tool, ["-q", copy]);
        if (code != 0) throw new InvalidOperationException($"{tool} {path} failed: {stderr}");
        return File.ReadAllBytes(copy + extension);
    }

    /// <summary><paramref name="size"/> zero bytes compressed by TOOL: a decompression bomb when size is past the limit.</summary>
    public byte[] CompressedZeros(int size, string tool, string extension)
    {
        var path = Path.Combine(_scratch.FullName, $"zeros-{size}");
        if (!File.Exists(path)) File.WriteAllBytes(path, new byte[size]);
        return Compressed(path, tool, extension);
    }

    public void Dispose() => _scratch.Delete(recursive: true);
}
