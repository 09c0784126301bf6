using System.Diagnostics;
using Modgate.Enforcement.Tables;
using Modgate.Kernel;

namespace Modgate.Enforcement.Tests;

/// <summary>The real Debian 6.1 module tree (scripts/fetch-debian-kernel.sh, cached) as a request catalog, loaded once.</summary>
internal static class DebianTree
{
    private static readonly Lazy<KernelRequestCatalog> Loaded = new(Load);

    public static KernelRequestCatalog Catalog => Loaded.Value;

    public static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Modgate.sln"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("no Modgate.sln above the tests");
        return dir;
    }

    private static KernelRequestCatalog Load()
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(RepoRoot(), "scripts", "fetch-debian-kernel.sh")]) { RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var root = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"fetch-debian-kernel.sh failed ({process.ExitCode})");
        var version = Directory.GetDirectories(Path.Combine(root, "lib", "modules")).Select(Path.GetFileName).Single()!;
        return new KernelRequestCatalog(ModuleTree.Load(Path.Combine(root, "lib", "modules", version), []));
    }
}
