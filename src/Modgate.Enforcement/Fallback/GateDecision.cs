using Modgate.Policy;

namespace Modgate.Enforcement.Fallback;

/// <summary>What the modprobe gate decided for one autoload request.</summary>
/// <param name="Allowed">Whether the real modprobe runs.</param>
/// <param name="WouldDeny">Complain mode: the policy denied, the gate let it through.</param>
/// <param name="Source">The directive that decided (null: the built-in default).</param>
public sealed record GateVerdict(bool Allowed, bool WouldDeny, SourcePosition? Source, string Why);

/// <summary>
/// The decision of the `kernel.modprobe` gate. The kernel runs the helper as root from a kernel thread, so the
/// caller's identity is gone: `autoload privileged` cannot be judged (it would deny root too) and rules keyed by
/// uid, capability, cgroup are skipped — neither allowing nor denying (docs/enforcement.md). `autoload off`, rules
/// on request and module names, and `default` are identity-free and hold.
/// </summary>
public static class GateDecision
{
    public static GateVerdict Decide(CompiledPolicy policy, string request, IReadOnlyList<string> modules)
    {
        var complain = policy.Enforcement == EnforcementMode.Complain;
        if (policy.AutoloadMode == Mode.Off)
            return Denied(complain, policy.ModeSources.GetValueOrDefault(Verb.Autoload), "autoload off");
        var asked = Request.Autoload(request, modules);
        foreach (var rule in policy.Rules)
        {
            if (!JudgeableWithoutCaller(rule) || !rule.Matches(asked)) continue;
            if (rule.Action == RuleAction.Audit) continue; // audit rules pass through, as in the kernel
            return rule.Action == RuleAction.Allow
                ? new GateVerdict(true, false, rule.Source, "allowed by rule")
                : Denied(complain, rule.Source, "denied by rule");
        }
        return policy.Default == Verdict.Deny
            ? Denied(complain, policy.DefaultSource, "default deny")
            : new GateVerdict(true, false, policy.DefaultSource, "default allow");
    }

    /// <summary>A rule whose keys need no caller: names and origin only (the gate only ever sees autoloads).</summary>
    public static bool JudgeableWithoutCaller(CompiledRule rule) =>
        rule.Uids is null && rule.Capability is null && rule.Cgroups is null;

    private static GateVerdict Denied(bool complain, SourcePosition? source, string why) =>
        complain ? new GateVerdict(true, true, source, why + " (complain mode: allowed)") : new GateVerdict(false, false, source, why);
}
