using System.Text;

namespace Modgate.Policy;

/// <summary>Writes a policy back as text in canonical form: one directive a line, keys in a fixed order.</summary>
public static class PolicyPrinter
{
    public static string Print(PolicyDocument document)
    {
        var text = new StringBuilder();
        foreach (var directive in document.Directives) text.Append(Print(directive)).Append('\n');
        return text.ToString();
    }

    public static string Print(Directive directive) => directive switch
    {
        VersionDirective v => $"version {v.Version}",
        ModeDirective m => $"{VerbWord(m.Verb)} {ModeWord(m.Mode)}",
        GrantDirective g => Join("grant", Patterns(g.Requests), Key("cap", g.Capability), Key("uid", g.Uids), Key("cgroup", g.Cgroups)),
        RuleDirective r => Join(ActionWord(r.Action), r.Unload ? "unload" : null, Key("module", r.Modules), Key("request", r.Requests),
            r.Origin is { } o ? $"origin={(o == Origin.Autoload ? "autoload" : "explicit")}" : null,
            Key("uid", r.Uids), Key("cap", r.Capability), Key("cgroup", r.Cgroups)),
        DefaultDirective d => $"default {(d.Verdict == Verdict.Allow ? "allow" : "deny")}",
        EnforcementDirective e => $"enforcement {(e.Mode == EnforcementMode.Enforce ? "enforce" : "complain")}",
        LockDirective => "lock",
        _ => throw new ArgumentOutOfRangeException(nameof(directive), directive.GetType().Name, "unknown directive type"),
    };

    public static string VerbWord(Verb verb) => verb switch
    {
        Verb.Autoload => "autoload",
        Verb.Load => "load",
        _ => "unload",
    };

    public static string ModeWord(Mode mode) => mode switch
    {
        Mode.Classic => "classic",
        Mode.Privileged => "privileged",
        _ => "off",
    };

    public static string ActionWord(RuleAction action) => action switch
    {
        RuleAction.Allow => "allow",
        RuleAction.Deny => "deny",
        _ => "audit",
    };

    private static string Patterns(EquatableArray<Pattern> patterns) => string.Join(",", patterns.Select(p => p.Text));

    private static string? Key(string name, EquatableArray<Pattern>? patterns) => patterns is { } p ? $"{name}={Patterns(p)}" : null;

    private static string? Key(string name, UidRange? uids) => uids is { } u ? $"{name}={u}" : null;

    private static string? Key(string name, int? capability) => capability is { } c ? $"{name}={CapabilitySet.NameOf(c)}" : null;

    private static string Join(params string?[] words) => string.Join(' ', words.Where(w => w is not null));
}
