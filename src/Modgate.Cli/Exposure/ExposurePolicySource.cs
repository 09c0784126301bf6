using Modgate.Policy;

namespace Modgate.Cli.Exposure;

/// <summary>Which policy exposure judges against, and how to name it in the summary.</summary>
internal sealed record PolicyChoice(CompiledPolicy? Policy, string Label, string Kind);

/// <summary>
/// The policy to judge: <c>--policy</c> if given; else the policy in force (the copy `modgate apply` keeps in
/// /run/modgate); else the policy written in /etc/modgate though not applied; else none: the stock kernel.
/// </summary>
internal static class ExposurePolicySource
{
    /// <summary>Where `modgate apply` keeps the policy it put in force (the state directory of SPEC.md §4).</summary>
    public const string AppliedPolicy = Modgate.Enforcement.BpfLsm.BpfPins.AppliedPolicy;

    public static PolicyChoice? Choose(IReadOnlyList<string> policyPaths, out LoadResult? failed)
    {
        failed = null;
        IReadOnlyList<string> paths;
        string kind;
        if (policyPaths.Count > 0) (paths, kind) = (policyPaths, "given");
        else if (File.Exists(AppliedPolicy)) (paths, kind) = ([AppliedPolicy], "in-force");
        else if (File.Exists(Path.Combine(PolicyLoader.DefaultDirectory, "policy.conf")) || Directory.Exists(Path.Combine(PolicyLoader.DefaultDirectory, "policy.d")))
            (paths, kind) = ([PolicyLoader.DefaultDirectory], "configured");
        else return new PolicyChoice(null, "the stock kernel's behaviour (no policy given, none in force)", "stock");

        var loaded = PolicyLoader.Load(paths);
        if (loaded.HasErrors)
        {
            failed = loaded;
            return null;
        }
        var policy = PolicyCompiler.Compile(loaded.Document!);
        var label = kind switch
        {
            "in-force" => $"the policy in force ({AppliedPolicy})",
            "configured" => $"the policy in {PolicyLoader.DefaultDirectory} (not known to be applied)",
            _ => $"this policy ({string.Join(", ", policy.Files)})",
        };
        return new PolicyChoice(policy, label, kind);
    }
}
