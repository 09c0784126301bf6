using Modgate.Enforcement.Fallback;

namespace Modgate.Cli.Output;

/// <summary>What `status` says about the fallback backends when they are in force (BPF LSM not active).</summary>
internal static class FallbackStatus
{
    public static FallbackState? Read() => FallbackBackend.Read(FallbackPaths.System);

    /// <summary>"fallback: …" for each backend in force, then "not enforced: …" for each loss.</summary>
    public static IEnumerable<string> Lines(FallbackState state) =>
        FallbackReport.Enforced(state).Select(line => $"fallback: {line}")
            .Concat(state.NotEnforced.Select(line => $"  not enforced: {line}"));
}
