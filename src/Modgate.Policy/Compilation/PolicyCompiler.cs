using System.Security.Cryptography;
using System.Text;

namespace Modgate.Policy;

/// <summary>Turns a validated <see cref="PolicyDocument"/> into the flat <see cref="CompiledPolicy"/>.</summary>
public static class PolicyCompiler
{
    /// <summary>ModAutoRestrict's exception: under <c>autoload privileged</c>, CAP_NET_ADMIN may still autoload <c>netdev-*</c>.</summary>
    public static CompiledGrant BuiltInNetdevGrant { get; } =
        new([new Glob("netdev-*")], CapabilitySet.NetAdmin, null, null, null);

    public static CompiledPolicy Compile(PolicyDocument document)
    {
        var modeSources = new Dictionary<Verb, SourcePosition>();
        var modes = new Dictionary<Verb, Mode>();
        var defaultVerdict = Verdict.Allow;
        SourcePosition? defaultSource = null;
        var enforcement = EnforcementMode.Enforce;
        SourcePosition? lockSource = null;
        var grants = new List<CompiledGrant>();
        var rules = new List<CompiledRule>();

        // First occurrence wins for single-valued settings; the validator reports the others as errors.
        foreach (var directive in document.Directives)
        {
            switch (directive)
            {
                case ModeDirective m when !modes.ContainsKey(m.Verb):
                    modes[m.Verb] = m.Mode;
                    modeSources[m.Verb] = m.Position;
                    break;
                case DefaultDirective d when defaultSource is null:
                    defaultVerdict = d.Verdict;
                    defaultSource = d.Position;
                    break;
                case EnforcementDirective e:
                    enforcement = e.Mode;
                    break;
                case LockDirective l:
                    lockSource ??= l.Position;
                    break;
                case GrantDirective g:
                    grants.Add(new CompiledGrant(Globs(g.Requests, false)!, g.Capability, g.Uids, Globs(g.Cgroups, false), g.Position));
                    break;
                case RuleDirective r:
                    rules.Add(new CompiledRule(rules.Count, r.Action, r.Unload, Globs(r.Modules, true), Globs(r.Requests, false),
                        r.Origin, r.Uids, r.Capability, Globs(r.Cgroups, false), r.Position));
                    break;
            }
        }
        grants.Add(BuiltInNetdevGrant);

        var settings = new PolicySettings(modes.GetValueOrDefault(Verb.Autoload), modes.GetValueOrDefault(Verb.Load),
            modes.GetValueOrDefault(Verb.Unload), modeSources, defaultVerdict, defaultSource, enforcement, lockSource);
        return new CompiledPolicy(settings, grants, rules, Digest(document), [.. document.Files]);
    }

    private static IReadOnlyList<Glob>? Globs(EquatableArray<Pattern>? patterns, bool moduleNames) =>
        patterns?.Select(p => new Glob(moduleNames ? ModuleName.NormalizePattern(p.Text) : p.Text)).ToArray();

    private static string Digest(PolicyDocument document) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PolicyPrinter.Print(document))));
}
