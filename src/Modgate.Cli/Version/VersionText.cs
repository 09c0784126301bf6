using System.Reflection;
using Modgate.Bpf.Interop;

namespace Modgate.Cli.Version;

/// <summary>
/// What `modgate --version` prints: the release, the git commit it was built from (the SDK's
/// SourceRevisionId, embedded in the informational version as "0.1.0+SHA"), and the libbpf found at run time,
/// since a bug report needs all three.
/// </summary>
internal static class VersionText
{
    public static string Build(string informationalVersion, LibbpfRuntime libbpf)
    {
        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        var release = plus < 0 ? informationalVersion : informationalVersion[..plus];
        var commit = plus < 0 ? "unknown (built outside a git checkout)" : informationalVersion[(plus + 1)..];
        var library = libbpf.Problem is { } problem
            ? $"none usable: {problem}"
            : libbpf.LoadedFrom is { } path ? $"{libbpf.Version} ({path})" : libbpf.Version;
        return $"modgate {release}\ncommit: {commit}\nlibbpf: {library}\n";
    }

    public static string ForThisProcess() =>
        Build(typeof(VersionText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
              LibbpfRuntime.Query());
}
