using Modgate.Bpf.Maps;
using Modgate.Policy;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// The words the audit record uses for each enum, in JSON, in journal fields and in `modgate log`; they
/// are the policy language's words, so a record reads like the rule it is about. Parsing is strict:
/// an unknown word is a bad record, never a silent default.
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

    public static string Verb(Verb verb) => verb switch
    {
        Policy.Verb.Autoload => "autoload",
        Policy.Verb.Load => "load",
        _ => "unload",
    };

    public static string Origin(Origin origin) => origin == Policy.Origin.Autoload ? "autoload" : "explicit";

    public static string Decision(AuditDecision decision) => decision switch
    {
        AuditDecision.Allow => "allow",
        AuditDecision.Deny => "deny",
        _ => "would-deny",
    };

    public static string Layer(DecisionLayer layer) => layer switch
    {
        DecisionLayer.ProcessMode => "process-mode",
        DecisionLayer.GlobalMode => "global-mode",
        DecisionLayer.Rule => "rule",
        _ => "default",
    };

    public static bool TryVerb(string word, out Verb verb)
    {
        (var ok, verb) = word switch
        {
            "autoload" => (true, Policy.Verb.Autoload),
            "load" => (true, Policy.Verb.Load),
            "unload" => (true, Policy.Verb.Unload),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryOrigin(string word, out Origin origin)
    {
        (var ok, origin) = word switch
        {
            "autoload" => (true, Policy.Origin.Autoload),
            "explicit" => (true, Policy.Origin.Explicit),
            _ => (false, default),
        };
        return ok;
    }

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

    public static bool TryLayer(string word, out DecisionLayer layer)
    {
        (var ok, layer) = word switch
        {
            "process-mode" => (true, DecisionLayer.ProcessMode),
            "global-mode" => (true, DecisionLayer.GlobalMode),
            "rule" => (true, DecisionLayer.Rule),
            "default" => (true, DecisionLayer.Default),
            _ => (false, default),
        };
        return ok;
    }
}
