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
        ModeDirective m => $"{PolicyWords.Of(m.Verb)} {PolicyWords.Of(m.Mode)}",
        GrantDirective g => Join("grant", Patterns(g.Requests), Key("cap", g.Capability), Key("uid", g.Uids), Key("cgroup", g.Cgroups)),
        RuleDirective r => Join(PolicyWords.Of(r.Action), r.Unload ? PolicyWords.Of(Verb.Unload) : null, Key("module", r.Modules), Key("request", r.Requests),
            r.Origin is { } o ? $"origin={PolicyWords.Of(o)}" : null,
            Key("uid", r.Uids), Key("cap", r.Capability), Key("cgroup", r.Cgroups)),
        DefaultDirective d => $"default {PolicyWords.Of(d.Verdict)}",
        EnforcementDirective e => $"enforcement {PolicyWords.Of(e.Mode)}",
        LockDirective => "lock",
        _ => throw new ArgumentOutOfRangeException(nameof(directive), directive.GetType().Name, "unknown directive type"),
    };

    private static string Patterns(EquatableArray<Pattern> patterns) => string.Join(",", patterns.Select(p => p.Text));

    private static string? Key(string name, EquatableArray<Pattern>? patterns) => patterns is { } p ? $"{name}={Patterns(p)}" : null;

    private static string? Key(string name, UidRange? uids) => uids is { } u ? $"{name}={u}" : null;

    private static string? Key(string name, int? capability) => capability is { } c ? $"{name}={CapabilitySet.NameOf(c)}" : null;

    private static string Join(params string?[] words) => string.Join(' ', words.Where(w => w is not null));
}
