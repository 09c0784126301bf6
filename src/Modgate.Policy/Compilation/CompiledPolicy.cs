namespace Modgate.Policy;

/// <summary>A grant in backend-ready form: under <c>privileged</c>, callers matching it may autoload these requests.</summary>
/// <param name="Source">Where it was written; null for the built-in <c>netdev-* cap=CAP_NET_ADMIN</c>.</param>
public sealed record CompiledGrant(IReadOnlyList<Glob> Requests, int? Capability, UidRange? Uids, IReadOnlyList<Glob>? Cgroups,
    SourcePosition? Source)
{
    /// <summary>Whether the grant names who may ask (uid=, cap=, cgroup=).</summary>
    public bool HasIdentityKeys => Uids is not null || Capability is not null || Cgroups is not null;

    /// <summary>
    /// Whether the caller is one the grant is for. A grant lets a caller through, so it fails closed on an unknown
    /// requester: one that names who may ask never matches a requester nobody can name.
    /// </summary>
    public bool MatchesCaller(Request request) =>
        request.UnknownRequester
            ? !HasIdentityKeys
            : (Capability is not { } cap || request.EffectiveCapabilities.Has(cap)) &&
              (Uids is not { } uids || uids.Contains(request.Uid)) &&
              (Cgroups is not { } cgroups || cgroups.Any(g => g.Matches(request.Cgroup)));
}

/// <summary>
/// A rule in backend-ready form: globs compiled, module names normalized (<c>_</c>), a null list meaning
/// "key not written: matches anything". <see cref="Index"/> is the rule's place in first-match order.
/// </summary>
public sealed record CompiledRule(
    int Index,
    RuleAction Action,
    bool Unload,
    IReadOnlyList<Glob>? Modules,
    IReadOnlyList<Glob>? Requests,
    Origin? Origin,
    UidRange? Uids,
    int? Capability,
    IReadOnlyList<Glob>? Cgroups,
    SourcePosition Source)
{
    /// <summary>The verbs this rule can match.</summary>
    public bool AppliesTo(Verb verb) => Unload ? verb == Verb.Unload : verb != Verb.Unload && (Requests is null || verb == Verb.Autoload);

    /// <summary>Whether the rule names who asks (uid=, cap=, cgroup=).</summary>
    public bool HasIdentityKeys => Uids is not null || Capability is not null || Cgroups is not null;

    /// <summary>Every key of the rule against the request; the name keys too, so the index may over-approximate.</summary>
    public bool Matches(Request request) =>
        AppliesTo(request.Verb) &&
        (Modules is null || request.Modules.Any(m => Modules.Any(g => g.Matches(m)))) &&
        (Requests is null || (request.RequestString is { } s && MatchesRequest(Requests, s))) &&
        (Origin is null || Origin == request.Origin) &&
        MatchesCaller(request);

    /// <summary>
    /// The identity keys. Nobody can say whether an unknown requester has a uid, capability or cgroup, so a rule
    /// keyed on them fails closed: it matches when it denies and never when it allows or audits (an audit rule that
    /// matched would claim to know who asked). The kernel's keys_match() does the same.
    /// </summary>
    private bool MatchesCaller(Request request) =>
        request.UnknownRequester && HasIdentityKeys
            ? Action == RuleAction.Deny
            : (Uids is null || Uids.Value.Contains(request.Uid)) &&
              (Capability is null || request.EffectiveCapabilities.Has(Capability.Value)) &&
              (Cgroups is null || Cgroups.Any(g => g.Matches(request.Cgroup)));

    /// <summary>Request strings compare as modprobe compares them: <c>-</c> and <c>_</c> alike.</summary>
    internal static bool MatchesRequest(IReadOnlyList<Glob> globs, string request)
    {
        var normalized = ModuleName.Normalize(request);
        return globs.Any(g => g.DashInsensitive.Matches(normalized));
    }
}

/// <summary>
/// The single compiled form of a policy: flat tables every backend and the reference evaluator read.
/// Nothing downstream looks at policy text again.
/// </summary>
public sealed partial class CompiledPolicy
{
    internal CompiledPolicy(PolicySettings settings, IReadOnlyList<CompiledGrant> grants, IReadOnlyList<CompiledRule> rules,
        string digest, IReadOnlyList<string> files)
    {
        AutoloadMode = settings.AutoloadMode;
        LoadMode = settings.LoadMode;
        UnloadMode = settings.UnloadMode;
        ModeSources = settings.ModeSources;
        Default = settings.Default;
        DefaultSource = settings.DefaultSource;
        Enforcement = settings.Enforcement;
        Locked = settings.LockSource is not null;
        LockSource = settings.LockSource;
        Grants = grants;
        Rules = rules;
        Digest = digest;
        Files = files;
        _index = new RuleIndex(rules);
    }

    public Mode AutoloadMode { get; }
    public Mode LoadMode { get; }
    public Mode UnloadMode { get; }

    /// <summary>Where each verb's mode was set; absent when it is the built-in classic.</summary>
    public IReadOnlyDictionary<Verb, SourcePosition> ModeSources { get; }

    public IReadOnlyList<CompiledGrant> Grants { get; }
    public IReadOnlyList<CompiledRule> Rules { get; }
    public Verdict Default { get; }
    public SourcePosition? DefaultSource { get; }
    public EnforcementMode Enforcement { get; }
    public bool Locked { get; }
    public SourcePosition? LockSource { get; }

    /// <summary>SHA-256 of the canonical text of the policy: the same rules give the same digest, whatever the comments.</summary>
    public string Digest { get; }

    /// <summary>The files the policy was read from, in merge order.</summary>
    public IReadOnlyList<string> Files { get; }

    public Mode ModeOf(Verb verb) => verb switch
    {
        Verb.Autoload => AutoloadMode,
        Verb.Load => LoadMode,
        _ => UnloadMode,
    };
}

/// <summary>The single-valued settings of a policy, gathered by the compiler.</summary>
internal sealed record PolicySettings(
    Mode AutoloadMode,
    Mode LoadMode,
    Mode UnloadMode,
    IReadOnlyDictionary<Verb, SourcePosition> ModeSources,
    Verdict Default,
    SourcePosition? DefaultSource,
    EnforcementMode Enforcement,
    SourcePosition? LockSource);
