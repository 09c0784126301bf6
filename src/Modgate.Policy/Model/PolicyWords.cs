namespace Modgate.Policy;

/// <summary>
/// The one vocabulary between the policy's enums and their words. The policy language defines the words; check,
/// simulate, status, the kernel-decision hook and the audit record (JSON, journal, `modgate log`) print and read the
/// same ones, so a record reads like the rule it is about. Reading is exact and strict: an unknown word is refused,
/// never taken for a default. Each enum has one table, read both ways.
/// </summary>
public static class PolicyWords
{
    /// <summary>Every verb in the order of its value, which is also its index in the kernel's tables and counters.</summary>
    public static readonly Verb[] Verbs = [Verb.Autoload, Verb.Load, Verb.Unload];

    private static readonly (Verb, string)[] VerbWords = [(Verb.Autoload, "autoload"), (Verb.Load, "load"), (Verb.Unload, "unload")];

    /// <summary>Modes are numbered by strictness; anything past the strictest reads as it (the last word).</summary>
    private static readonly (Mode, string)[] ModeWords = [(Mode.Classic, "classic"), (Mode.Privileged, "privileged"), (Mode.Off, "off")];

    private static readonly (Origin, string)[] OriginWords = [(Origin.Autoload, "autoload"), (Origin.Explicit, "explicit")];

    private static readonly (DecisionLayer, string)[] LayerWords =
        [(DecisionLayer.ProcessMode, "process-mode"), (DecisionLayer.GlobalMode, "global-mode"), (DecisionLayer.Rule, "rule"), (DecisionLayer.Default, "default")];

    private static readonly (RuleAction, string)[] ActionWords = [(RuleAction.Allow, "allow"), (RuleAction.Deny, "deny"), (RuleAction.Audit, "audit")];

    private static readonly (Verdict, string)[] VerdictWords = [(Verdict.Allow, "allow"), (Verdict.Deny, "deny")];

    // Anything but complain is enforced: enforce is the last word.
    private static readonly (EnforcementMode, string)[] EnforcementWords = [(EnforcementMode.Complain, "complain"), (EnforcementMode.Enforce, "enforce")];

    public static string Of(Verb verb) => WordOf(VerbWords, verb);

    public static string Of(Mode mode) => WordOf(ModeWords, mode);

    public static string Of(Origin origin) => WordOf(OriginWords, origin);

    public static string Of(DecisionLayer layer) => WordOf(LayerWords, layer);

    public static string Of(RuleAction action) => WordOf(ActionWords, action);

    public static string Of(Verdict verdict) => WordOf(VerdictWords, verdict);

    public static string Of(EnforcementMode mode) => WordOf(EnforcementWords, mode);

    public static bool TryParse(string word, out Verb verb) => TryValueOf(VerbWords, word, out verb);

    /// <summary>Any mode word; which verbs may have which mode is the caller's rule (`load privileged` is no mode).</summary>
    public static bool TryParse(string word, out Mode mode) => TryValueOf(ModeWords, word, out mode);

    public static bool TryParse(string word, out Origin origin) => TryValueOf(OriginWords, word, out origin);

    public static bool TryParse(string word, out DecisionLayer layer) => TryValueOf(LayerWords, word, out layer);

    public static bool TryParse(string word, out Verdict verdict) => TryValueOf(VerdictWords, word, out verdict);

    public static bool TryParse(string word, out EnforcementMode mode) => TryValueOf(EnforcementWords, word, out mode);

    /// <summary>The word of VALUE; a value the table lacks (a byte from a newer kernel table) reads as the last word.</summary>
    private static string WordOf<T>((T Value, string Word)[] table, T value) where T : struct, Enum
    {
        foreach (var (v, word) in table)
            if (EqualityComparer<T>.Default.Equals(v, value)) return word;
        return table[^1].Word;
    }

    private static bool TryValueOf<T>((T Value, string Word)[] table, string word, out T value) where T : struct, Enum
    {
        foreach (var (v, w) in table)
            if (w == word) { value = v; return true; }
        value = default;
        return false;
    }
}
