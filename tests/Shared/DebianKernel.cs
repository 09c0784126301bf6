namespace Modgate.Tests.Shared;

/// <summary>
/// The real Debian 6.1 module tree, fetched and depmod'ed by scripts/fetch-debian-kernel.sh (cached).
/// Fetched once per test run; a failure to fetch fails the tests that need it.
/// </summary>
internal static class DebianKernel
{
    private static readonly Lazy<(string Root, string Version)> Fetched = new(Fetch);

    public static string Root => Fetched.Value.Root;

    public static string Version => Fetched.Value.Version;

    public static string ModuleDirectory => System.IO.Path.Combine(Root, "lib", "modules", Version);

    private static (string, string) Fetch()
    {
        var script = System.IO.Path.Combine(RepositoryRoot.Path, "scripts", "fetch-debian-kernel.sh");
        var (code, stdout, stderr) = ProcessRunner.Run("bash", [script]);
        if (code != 0) throw new InvalidOperationException($"fetch-debian-kernel.sh failed ({code}): {stderr}");
        var root = stdout.Trim();
        var version = Directory.GetDirectories(System.IO.Path.Combine(root, "lib", "modules")).Select(System.IO.Path.GetFileName).Single()!;
        return (root, version);
    }
}
