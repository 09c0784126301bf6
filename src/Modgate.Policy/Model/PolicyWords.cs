namespace Modgate.Policy;

/// <summary>
/// The one vocabulary between the policy's enums and their words. The policy language defines the words; check,
/// simulate, status, the kernel-decision hook and the audit record (JSON, journal, `modgate log`) print and read the
/// same ones, so a record reads like the rule it is about. Reading is exact and strict: an unknown word is refused,
/// never taken for a default.
/// </summary>
public static class PolicyWords
{
    /// <summary>Every verb in the order of its value, which is also its index in the kernel's tables and counters.</summary>
    public static readonly Verb[] Verbs = [Verb.Autoload, Verb.Load, Verb.Unload];

    public static string Of(Verb verb) => verb switch
    {
        Verb.Autoload => "autoload",
        Verb.Load => "load",
        _ => "unload",
    };

    /// <summary>Modes are numbered by strictness; anything past the strictest reads as it.</summary>
    public static string Of(Mode mode) => mode switch
    {
        Mode.Classic => "classic",
        Mode.Privileged => "privileged",
        _ => "off",
    };

    public static string Of(Origin origin) => origin == Origin.Autoload ? "autoload" : "explicit";

    public static string Of(DecisionLayer layer) => layer switch
    {
        DecisionLayer.ProcessMode => "process-mode",
        DecisionLayer.GlobalMode => "global-mode",
        DecisionLayer.Rule => "rule",
        _ => "default",
    };

    public static string Of(RuleAction action) => action switch
    {
        RuleAction.Allow => "allow",
        RuleAction.Deny => "deny",
        _ => "audit",
    };

    public static string Of(Verdict verdict) => verdict == Verdict.Allow ? "allow" : "deny";

    public static string Of(EnforcementMode mode) => mode == EnforcementMode.Complain ? "complain" : "enforce";

    public static bool TryParse(string word, out Verb verb)
    {
        (var ok, verb) = word switch
        {
            "autoload" => (true, Verb.Autoload),
            "load" => (true, Verb.Load),
            "unload" => (true, Verb.Unload),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>Any mode word; which verbs may have which mode is the caller's rule (`load privileged` is no mode).</summary>
    public static bool TryParse(string word, out Mode mode)
    {
        (var ok, mode) = word switch
        {
            "classic" => (true, Mode.Classic),
            "privileged" => (true, Mode.Privileged),
            "off" => (true, Mode.Off),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParse(string word, out Origin origin)
    {
        (var ok, origin) = word switch
        {
            "autoload" => (true, Origin.Autoload),
            "explicit" => (true, Origin.Explicit),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParse(string word, out DecisionLayer layer)
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

    public static bool TryParse(string word, out Verdict verdict)
    {
        (var ok, verdict) = word switch
        {
            "allow" => (true, Verdict.Allow),
            "deny" => (true, Verdict.Deny),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParse(string word, out EnforcementMode mode)
    {
        (var ok, mode) = word switch
        {
            "enforce" => (true, EnforcementMode.Enforce),
            "complain" => (true, EnforcementMode.Complain),
            _ => (false, default),
        };
        return ok;
    }
}
