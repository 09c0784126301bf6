namespace Modgate.Bpf;

/// <summary>The running kernel lacks a feature modgate needs, available from <see cref="MinimumVersion"/>.</summary>
public sealed class UnsupportedKernelException(string feature, string minimumVersion, string reason)
    : Exception($"{feature} unavailable: {reason} (needs Linux ≥ {minimumVersion})")
{
    public string Feature { get; } = feature;
    public string MinimumVersion { get; } = minimumVersion;
}
