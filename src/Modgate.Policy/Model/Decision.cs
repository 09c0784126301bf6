namespace Modgate.Policy;

/// <summary>
/// The outcome of the decision order for one request.
/// </summary>
/// <param name="Verdict">What the kernel does: in complain mode a policy deny is returned as Allow with <see cref="WouldDeny"/> set.</param>
/// <param name="WouldDeny">True when complain mode turned a deny into an allow.</param>
/// <param name="Layer">The layer that decided.</param>
/// <param name="Source">The directive that decided (rule, grant, mode line, default line); null for a built-in default.</param>
/// <param name="Audits">The <c>audit</c> rules passed on the way, in order (compared by content).</param>
public sealed record Decision(
    Verdict Verdict,
    bool WouldDeny,
    DecisionLayer Layer,
    SourcePosition? Source,
    EquatableArray<SourcePosition> Audits)
{
    /// <summary>The grant that let a caller through a <c>privileged</c> mode, when one was needed.</summary>
    public CompiledGrant? Grant { get; init; }

    /// <summary>The decision word of the audit record: allow, deny or would-deny.</summary>
    public string DecisionWord => WouldDeny ? "would-deny" : Verdict == Verdict.Allow ? "allow" : "deny";
}
