using Modgate.Policy;

namespace Modgate.Enforcement.Audit;

/// <summary>The decision word of an audit record (SPEC.md §3).</summary>
public enum AuditDecision : byte
{
    Allow,
    Deny,
    /// <summary>Complain mode: the policy denied, the kernel allowed.</summary>
    WouldDeny,
}

/// <summary>
/// One audit record (SPEC.md §3): written for every decision that denied, would have denied (complain
/// mode), or passed an <c>audit</c> rule. The kernel fills it in the requesting task's context; this is
/// the user-space form every sink (journal, audit.jsonl) and every reader (`modgate log`, `modgate learn`) shares.
/// </summary>
/// <param name="Time">When the kernel decided (UTC).</param>
/// <param name="Request">The request_module string (autoload only).</param>
/// <param name="Module">The module judged: the name inside the module file for loads, the name asked for unloads; null when an autoload request resolved to nothing.</param>
/// <param name="Origin">autoload or explicit (null for unload, which has no origin).</param>
/// <param name="Rule">The directive that decided, as <c>file:line</c>; null for a layer without one (built-in default, process mode).</param>
/// <param name="Exe">The executable of the task; null when the kernel could not read it.</param>
/// <param name="Cgroup">The cgroup v2 path of the task; null when unknown.</param>
/// <param name="Caps">The task's effective capabilities in the initial user namespace.</param>
/// <param name="Reason">Why a load or unload was judged without a module name (see <see cref="AuditWords.Reason"/>); null when it had one.</param>
public sealed record AuditEvent(
    DateTimeOffset Time,
    Verb Verb,
    string? Request,
    string? Module,
    Origin? Origin,
    AuditDecision Decision,
    DecisionLayer Layer,
    string? Rule,
    int Pid,
    int Tgid,
    string Comm,
    string? Exe,
    uint Uid,
    string? Cgroup,
    CapabilitySet Caps,
    string? Reason = null)
{
    /// <summary>The one-line human description used as the journal's MESSAGE and by `modgate log`.</summary>
    public string Message =>
        $"{AuditWords.Decision(Decision)} {PolicyWords.Of(Verb)} " +
        (Verb == Verb.Autoload ? $"request={Request ?? "?"}{(Module is null ? "" : $" module={Module}")}" : $"module={Module ?? "?"}") +
        (Origin is { } origin ? $" origin={PolicyWords.Of(origin)}" : "") +
        $" by {AuditRecordCodec.Printable(Comm)}[{Pid}] uid={Uid}" +
        $" ({PolicyWords.Of(Layer)}{(Rule is null ? "" : " " + Rule)})" +
        (Reason is null ? "" : $" [no name: {Reason}]");
}
