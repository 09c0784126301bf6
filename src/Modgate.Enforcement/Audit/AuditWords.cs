using Modgate.Bpf.Maps;
using Modgate.Policy;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// The words only the audit record has, in JSON, in journal fields and in `modgate log`: the decision (with
/// complain mode's would-deny) and why a module had no name. Verbs, origins and layers are the policy language's
/// words (<see cref="PolicyWords"/>). Parsing is strict: an unknown word is a bad record, never a silent default.
/// </summary>
public static class AuditWords
{
    /// <summary>Why the kernel judged a load or unload without a name (mg_event.reason); null for none.</summary>
    public static string? Reason(byte reason) => (KernelReason)reason switch
    {
        KernelReason.Unparsed => "image not parsed as the kernel parses it",
        KernelReason.Unscanned => "image larger than this kernel lets modgate scan",
        KernelReason.UnreadableName => "name not readable without faulting",
        KernelReason.None => null,
        _ => $"reason {reason}",
    };

    public static string Decision(AuditDecision decision) => decision switch
    {
        AuditDecision.Allow => "allow",
        AuditDecision.Deny => "deny",
        _ => "would-deny",
    };

    public static bool TryDecision(string word, out AuditDecision decision)
    {
        (var ok, decision) = word switch
        {
            "allow" => (true, AuditDecision.Allow),
            "deny" => (true, AuditDecision.Deny),
            "would-deny" => (true, AuditDecision.WouldDeny),
            _ => (false, default),
        };
        return ok;
    }
}
