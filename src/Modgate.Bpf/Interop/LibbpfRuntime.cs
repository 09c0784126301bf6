using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

/// <summary>The libbpf that this process loads at run time, or why none could be loaded.</summary>
/// <param name="Version">libbpf's own version string without its "v" ("1.1"); null when not loaded.</param>
/// <param name="LoadedFrom">The file the dynamic loader mapped (from /proc/self/maps); null when not known.</param>
/// <param name="Problem">Why libbpf could not be used; null when it was found.</param>
public sealed record LibbpfRuntime(string? Version, string? LoadedFrom, string? Problem)
{
    /// <summary>Asks the loaded libbpf itself: the package a distribution installed may differ from the headers built against.</summary>
    public static LibbpfRuntime Query()
    {
        string version;
        try
        {
            version = Marshal.PtrToStringUTF8(LibBpf.VersionString()) ?? "";
        }
        catch (DllNotFoundException)
        {
            return new LibbpfRuntime(null, null, $"{LibBpf.Library} not found (install Debian's libbpf1)");
        }
        catch (EntryPointNotFoundException)
        {
            // libbpf_version_string came with libbpf 0.7; an older one cannot run modgate's programs anyway.
            return new LibbpfRuntime(null, MappedPath(), "older than 0.7 (no libbpf_version_string); modgate needs libbpf 1.x");
        }
        return new LibbpfRuntime(version.TrimStart('v'), MappedPath(), null);
    }

    private static string? MappedPath()
    {
        try
        {
            // "7f..-7f.. r--p 00000000 08:01 1234   /usr/lib/x86_64-linux-gnu/libbpf.so.1.1.2": the path is the last field.
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                var slash = line.IndexOf('/', StringComparison.Ordinal);
                if (slash >= 0 && line.AsSpan(slash).Contains("/libbpf.so", StringComparison.Ordinal))
                    return line[slash..];
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
