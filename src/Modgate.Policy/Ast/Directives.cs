namespace Modgate.Policy;

/// <summary>
/// A glob as written in the policy, with where it was written. Two patterns are equal when their text
/// is: the position is where it came from, not what it is.
/// </summary>
public sealed record Pattern(string Text, SourcePosition Position)
{
    public bool Equals(Pattern? other) => other is not null && other.Text == Text;

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);
}

/// <summary>An inclusive range of uids; <c>uid=N</c> is the range N-N.</summary>
public readonly record struct UidRange(uint First, uint Last)
{
    public bool Contains(uint uid) => First <= uid && uid <= Last;

    public bool Contains(UidRange other) => First <= other.First && other.Last <= Last;

    public override string ToString() => First == Last ? $"{First}" : $"{First}-{Last}";
}

/// <summary>One line of a policy. Every directive knows where it was written.</summary>
public abstract record Directive(SourcePosition Position)
{
    /// <summary>The same directive with positions cleared: what "the same policy" means for round trips.</summary>
    public Directive WithoutPosition() => this with { Position = default };
}

public sealed record VersionDirective(SourcePosition Position, int Version) : Directive(Position);

/// <summary><c>autoload MODE</c>, <c>load MODE</c> or <c>unload MODE</c>.</summary>
public sealed record ModeDirective(SourcePosition Position, Verb Verb, Mode Mode) : Directive(Position);

/// <summary><c>grant PATTERNS [cap=CAP] [uid=RANGE] [cgroup=GLOBS]</c>: who may autoload what under <c>autoload privileged</c>.</summary>
public sealed record GrantDirective(
    SourcePosition Position,
    EquatableArray<Pattern> Requests,
    int? Capability,
    UidRange? Uids,
    EquatableArray<Pattern>? Cgroups) : Directive(Position);

/// <summary><c>allow|deny|audit [unload] KEY=VALUE…</c>. A null key was not written and matches anything.</summary>
public sealed record RuleDirective(
    SourcePosition Position,
    RuleAction Action,
    bool Unload,
    EquatableArray<Pattern>? Modules,
    EquatableArray<Pattern>? Requests,
    Origin? Origin,
    UidRange? Uids,
    int? Capability,
    EquatableArray<Pattern>? Cgroups) : Directive(Position);

public sealed record DefaultDirective(SourcePosition Position, Verdict Verdict) : Directive(Position);

public sealed record EnforcementDirective(SourcePosition Position, EnforcementMode Mode) : Directive(Position);

public sealed record LockDirective(SourcePosition Position) : Directive(Position);
