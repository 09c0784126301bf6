using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Enforcement.Fallback;

/// <summary>What the modprobe gate decided for one autoload request, or for one load its modprobe would make.</summary>
/// <param name="Allowed">Whether the real modprobe runs.</param>
/// <param name="WouldDeny">Complain mode: the policy denied, the gate let it through.</param>
/// <param name="Source">The directive that decided (null: the built-in default).</param>
public sealed record GateVerdict(bool Allowed, bool WouldDeny, SourcePosition? Source, string Why)
{
    /// <summary>For a load: the module judged and why modprobe would load it ("dependency of appletalk"); null for the request.</summary>
    public ProbeStep? Load { get; init; }
}

/// <summary>
/// The decision of the `kernel.modprobe` gate. The kernel runs the helper as root from a kernel thread, so who asked
/// is gone: the request is judged as an unknown requester (SPEC.md §2 "Who asked"), which fails closed on identity —
/// rules keyed by uid, capability or cgroup match when they deny and never when they allow, grants keyed by them never
/// match. `autoload privileged` stays unjudged: as unprivileged, every autoload (root's and the kernel's own) would
/// be refused, and SPEC.md §5 gives the gate the module rules only. Every load the request makes (the module, its
/// dependencies and softdeps, as modprobe would) is judged as a load with origin=autoload by the same unknown
/// requester; one refusal refuses the whole request, since the gate cannot let modprobe run half of it.
/// </summary>
public static class GateDecision
{
    /// <summary>The autoload request itself: `autoload off`, the rules, `default`.</summary>
    public static GateVerdict Decide(CompiledPolicy policy, string request, IReadOnlyList<string> modules)
    {
        var complain = policy.Enforcement == EnforcementMode.Complain;
        if (policy.AutoloadMode == Mode.Off)
            return Denied(complain, policy.ModeSources.GetValueOrDefault(Verb.Autoload), "autoload off");
        var asked = Request.Autoload(request, modules) with { UnknownRequester = true };
        foreach (var rule in policy.Rules)
        {
            if (!rule.Matches(asked)) continue;
            if (rule.Action == RuleAction.Audit) continue; // audit rules pass through, as in the kernel
            return rule.Action == RuleAction.Allow
                ? new GateVerdict(true, false, rule.Source, "allowed by rule")
                : Denied(complain, rule.Source, "denied by rule");
        }
        return policy.Default == Verdict.Deny
            ? Denied(complain, policy.DefaultSource, "default deny")
            : new GateVerdict(true, false, policy.DefaultSource, "default allow");
    }

    /// <summary>
    /// The request, then (if it passes) each module modprobe would load for it, once: the request runs only when every
    /// verdict allows. Built-in modules and install commands load nothing the gate could judge.
    /// </summary>
    public static IReadOnlyList<GateVerdict> DecideWithLoads(CompiledPolicy policy, string request, IReadOnlyList<string> modules,
        IReadOnlyList<ModuleProbe> probes)
    {
        var verdicts = new List<GateVerdict> { Decide(policy, request, modules) };
        if (!verdicts[0].Allowed) return verdicts;
        var asked = Request.Autoload(request, modules) with { UnknownRequester = true };
        var judged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in probes.Where(p => p.Blacklisted is null).SelectMany(p => p.Steps))
        {
            if (step.Action != ProbeAction.Insert || !judged.Add(step.Module)) continue;
            verdicts.Add(DecideLoad(policy, AutoloadLoads.LoadFor(asked, step.Module)) with { Load = step });
        }
        return verdicts;
    }

    private static GateVerdict DecideLoad(CompiledPolicy policy, Request load)
    {
        var decision = policy.Decide(load);
        var why = decision.Layer switch
        {
            DecisionLayer.GlobalMode => "load off",
            DecisionLayer.Rule => decision.Verdict == Verdict.Deny || decision.WouldDeny ? "denied by rule" : "allowed by rule",
            _ => policy.Default == Verdict.Deny ? "default deny" : "default allow",
        };
        if (decision.WouldDeny) why += " (complain mode: allowed)";
        return new GateVerdict(decision.Verdict == Verdict.Allow, decision.WouldDeny, decision.Source, why);
    }

    /// <summary>
    /// Whether a rule can decide anything at the gate: the gate sees autoloads and their loads (origin=autoload) by an
    /// unknown requester, which an identity-keyed allow never matches.
    /// </summary>
    public static bool CanDecideAtTheGate(CompiledRule rule) =>
        !rule.Unload && rule.Action != RuleAction.Audit && rule.Origin != Origin.Explicit &&
        (rule.Action == RuleAction.Deny || !rule.HasIdentityKeys);

    private static GateVerdict Denied(bool complain, SourcePosition? source, string why) =>
        complain ? new GateVerdict(true, true, source, why + " (complain mode: allowed)") : new GateVerdict(false, false, source, why);
}
