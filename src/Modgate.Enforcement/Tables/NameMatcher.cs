using Modgate.Policy;

namespace Modgate.Enforcement.Tables;

/// <summary>
/// The name keys of one rule or grant as one index table sees them: <see cref="Direct"/> globs match the string
/// the kernel looks up (request string, or module name for load/unload); <see cref="Resolved"/> globs match the
/// modules that string resolves to (autoload <c>module=</c>). Null means the key is absent: anything matches.
/// </summary>
internal sealed record NameMatcher(int Index, bool Unconditional, bool DenyLike, IReadOnlyList<Glob>? Direct,
    IReadOnlyList<Glob>? Resolved, string Origin)
{
    public bool MatchesEverything => Direct is null && Resolved is null;
}
