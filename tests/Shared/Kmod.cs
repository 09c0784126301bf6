namespace Modgate.Tests.Shared;

/// <summary>
/// How to run one kmod tool: this machine's (<c>/usr/sbin/modprobe</c>), or a distribution's kmod extracted by
/// <c>scripts/fetch-debian-kernel.sh --userland</c>, run through that root's own ld.so with <c>--library-path</c> and
/// <c>--argv0</c> (kmod picks the tool by its argv[0]), so it runs with its own glibc and nothing is installed here.
/// </summary>
internal sealed record Kmod(string Executable, IReadOnlyList<string> PrefixArguments, string Description)
{
    public static Kmod HostModprobe { get; } = new("/usr/sbin/modprobe", [], "/usr/sbin/modprobe");

    public static Kmod FromUserland(string userland, string tool)
    {
        var loader = Path.Combine(userland, "usr", "lib64", "ld-linux-x86-64.so.2");
        var kmod = Path.Combine(userland, "usr", "bin", "kmod");
        if (!File.Exists(loader) || !File.Exists(kmod)) throw new InvalidOperationException($"{userland} has no {loader} or {kmod}");
        return new Kmod(loader, ["--library-path", Path.Combine(userland, "usr", "lib", "x86_64-linux-gnu"), "--argv0", tool, kmod],
            $"{tool} of {Path.GetFileName(userland)}");
    }

    /// <summary>The command line: the executable, then the prefix, then these arguments.</summary>
    public IEnumerable<string> CommandLine(IEnumerable<string> arguments) => PrefixArguments.Prepend(Executable).Concat(arguments);
}
