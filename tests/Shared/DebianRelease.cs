namespace Modgate.Tests.Shared;

/// <summary>
/// A Debian release's kernel with the modprobe of the same release: Debian 13's 6.12 and the newest trixie-backports
/// kernel, both with trixie's kmod (scripts/fetch-debian-kernel.sh SERIES and --userland SERIES) reading the index that
/// trixie's own depmod wrote (scripts/debian-depmod.sh SERIES). Fetched once per series and test run; a failure to
/// fetch fails the tests that need it.
/// </summary>
internal sealed class DebianRelease
{
    private static readonly Dictionary<string, Lazy<DebianRelease>> Releases = new()
    {
        ["6.12"] = new(() => Fetch("6.12")),
        ["newest"] = new(() => Fetch("newest")),
    };

    private DebianRelease(string series, string root, string version, Kmod modprobe, string indexRoot)
    {
        (Series, Root, Version, Modprobe, IndexRoot) = (series, root, version, modprobe, indexRoot);
    }

    public static DebianRelease Get(string series) => Releases[series].Value;

    public string Series { get; }

    /// <summary>The extracted kernel packages: ROOT/lib/modules/VERSION is what modgate reads.</summary>
    public string Root { get; }

    public string Version { get; }

    public string ModuleDirectory => Path.Combine(Root, "lib", "modules", Version);

    /// <summary>The release's modprobe.</summary>
    public Kmod Modprobe { get; }

    /// <summary>The root whose lib/modules/VERSION holds the release's own depmod index: modprobe -d for <see cref="Modprobe"/>.</summary>
    public string IndexRoot { get; }

    private static DebianRelease Fetch(string series)
    {
        var root = Script("fetch-debian-kernel.sh", series);
        var userland = Script("fetch-debian-kernel.sh", "--userland", series);
        var index = Script("debian-depmod.sh", series);
        var version = Directory.GetDirectories(Path.Combine(root, "lib", "modules")).Select(Path.GetFileName).Single()!;
        return new DebianRelease(series, root, version, Kmod.FromUserland(userland, "modprobe"), index);
    }

    private static string Script(string name, params string[] arguments)
    {
        var script = Path.Combine(RepositoryRoot.Path, "scripts", name);
        var (code, stdout, stderr) = ProcessRunner.Run("bash", [script, .. arguments]);
        if (code != 0 || stdout.Trim().Length == 0) throw new InvalidOperationException($"{name} {string.Join(' ', arguments)} failed ({code}): {stderr}");
        return stdout.Trim();
    }
}
