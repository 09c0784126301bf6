namespace Modgate.Policy;

/// <summary>
/// The reference evaluator: SPEC.md's decision order, written for clarity. The kernel programs must
/// agree with it on every request; tests compare the two.
/// </summary>
public sealed partial class CompiledPolicy
{
    private static readonly EquatableArray<SourcePosition> NoAudits = new([]);

    private readonly RuleIndex _index;

    private static EquatableArray<SourcePosition> Audits(List<SourcePosition>? audits) => audits is null ? NoAudits : new(audits);

    public Decision Decide(Request request)
    {
        // 1. The task's own mode, set by `modgate exec`: not part of the policy, so complain mode does not soften it.
        if (!ModeAllows(request.ProcessMode, request, out var processGrant))
            return new Decision(Verdict.Deny, false, DecisionLayer.ProcessMode, null, NoAudits);

        // 2. The global mode of the verb.
        var mode = ModeOf(request.Verb);
        if (!ModeAllows(mode, request, out var modeGrant))
            return Soften(new Decision(Verdict.Deny, false, DecisionLayer.GlobalMode, ModeSources.GetValueOrDefault(request.Verb), NoAudits));
        var grant = modeGrant ?? processGrant;

        // 3. Rules, first match wins; audit rules are noted and passed.
        List<SourcePosition>? audits = null;
        foreach (var index in _index.Candidates(request))
        {
            var rule = Rules[index];
            if (!rule.Matches(request)) continue;
            if (rule.Action == RuleAction.Audit)
            {
                (audits ??= []).Add(rule.Source);
                continue;
            }
            var verdict = rule.Action == RuleAction.Allow ? Verdict.Allow : Verdict.Deny;
            return Soften(new Decision(verdict, false, DecisionLayer.Rule, rule.Source, Audits(audits)) { Grant = grant });
        }

        // 4. Default.
        return Soften(new Decision(Default, false, DecisionLayer.Default, DefaultSource, Audits(audits)) { Grant = grant });
    }

    /// <summary>Whether a mode lets this request through, and the grant that did when one was needed.</summary>
    public bool ModeAllows(Mode mode, Request request, out CompiledGrant? grant)
    {
        grant = null;
        return mode switch
        {
            Mode.Classic => true,
            Mode.Off => false,
            _ => request.EffectiveCapabilities.Has(CapabilitySet.SysModule) || (grant = MatchingGrant(request)) is not null,
        };
    }

    private CompiledGrant? MatchingGrant(Request request)
    {
        if (request.Verb != Verb.Autoload || request.RequestString is not { } requested) return null;
        foreach (var grant in Grants)
        {
            if (CompiledRule.MatchesRequest(grant.Requests, requested) && grant.MatchesCaller(request)) return grant;
        }
        return null;
    }

    private Decision Soften(Decision decision) =>
        Enforcement == EnforcementMode.Complain && decision.Verdict == Verdict.Deny
            ? decision with { Verdict = Verdict.Allow, WouldDeny = true }
            : decision;
}
