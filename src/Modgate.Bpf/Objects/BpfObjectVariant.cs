using Modgate.Bpf.Kernel;

namespace Modgate.Bpf;

/// <summary>
/// The two builds of modgate.bpf.c embedded in this assembly: the full object (kernels ≥ 5.17) and the reduced one
/// (5.7–5.16, compiled with -DMG_REDUCED: no per-process modes, bounded loops; see modgate.bpf.c).
/// </summary>
public enum BpfObjectVariant
{
    Full,
    Reduced,
}

public static class BpfObjectChoice
{
    /// <summary>
    /// Overrides the choice (values <c>full</c>, <c>reduced</c>): to see what a kernel's verifier says of the other
    /// object, e.g. the full one on 5.10 (tests/vm/tests/kernel-5.10). Read here only.
    /// </summary>
    public const string EnvironmentVariable = "MODGATE_BPF_OBJECT";

    /// <summary>The full object where the kernel has everything it needs, else the reduced one; the variable wins.</summary>
    public static BpfObjectVariant For(BpfFeatures features, string? forced) => forced?.Trim().ToLowerInvariant() switch
    {
        null or "" => features.All ? BpfObjectVariant.Full : BpfObjectVariant.Reduced,
        "full" => BpfObjectVariant.Full,
        "reduced" => BpfObjectVariant.Reduced,
        _ => throw new BpfObjectChoiceException(forced),
    };

    public static BpfObjectVariant For(BpfFeatures features) => For(features, Forced);

    /// <summary>The value of <see cref="EnvironmentVariable"/>, null when unset.</summary>
    public static string? Forced => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } v ? v : null;

    /// <summary>The embedded resource holding the object of a variant.</summary>
    public static string ResourceName(BpfObjectVariant variant) =>
        variant == BpfObjectVariant.Full ? "modgate.bpf.o" : "modgate_reduced.bpf.o";

    public static string Name(BpfObjectVariant variant) => variant == BpfObjectVariant.Full ? "full" : "reduced";

    public static BpfObjectVariant? Parse(string name) =>
        name switch { "full" => BpfObjectVariant.Full, "reduced" => BpfObjectVariant.Reduced, _ => null };
}
