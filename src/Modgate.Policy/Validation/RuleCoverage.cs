namespace Modgate.Policy;

/// <summary>
/// Decides, conservatively, whether one rule matches every request another rule matches. Used to warn
/// about rules that can never match; "false" when unsure, so a warning is always true.
/// </summary>
internal static class RuleCoverage
{
    public static bool Covers(RuleDirective earlier, RuleDirective later) =>
        earlier.Unload == later.Unload &&
        PatternsCover(earlier.Modules, later.Modules, ModuleName.NormalizePattern) &&
        PatternsCover(earlier.Requests, later.Requests, ModuleName.NormalizePattern) &&
        (earlier.Origin is null || earlier.Origin == later.Origin) &&
        (earlier.Uids is null || (later.Uids is { } uids && earlier.Uids.Value.Contains(uids))) &&
        (earlier.Capability is null || earlier.Capability == later.Capability) &&
        PatternsCover(earlier.Cgroups, later.Cgroups, static s => s) &&
        CoversUnknownRequesters(earlier, later);

    /// <summary>
    /// An unknown requester meets a rule keyed on who asks only when that rule denies: a later identity-keyed deny
    /// still decides such requests when the earlier identity-keyed rule that covers it allows.
    /// </summary>
    private static bool CoversUnknownRequesters(RuleDirective earlier, RuleDirective later) =>
        !(HasIdentityKeys(later) && later.Action == RuleAction.Deny && HasIdentityKeys(earlier) && earlier.Action != RuleAction.Deny);

    private static bool HasIdentityKeys(RuleDirective rule) => rule.Uids is not null || rule.Capability is not null || rule.Cgroups is not null;

    private static bool PatternsCover(EquatableArray<Pattern>? wide, EquatableArray<Pattern>? narrow, Func<string, string> normalize)
    {
        if (wide is null) return true;
        if (narrow is null) return false;
        var globs = wide.Value.Select(p => new Glob(normalize(p.Text))).ToList();
        return narrow.Value.All(p => globs.Any(g => GlobCovers(g, new Glob(normalize(p.Text)))));
    }

    private static bool GlobCovers(Glob wide, Glob narrow) =>
        wide.Pattern == narrow.Pattern ||
        (narrow.IsLiteral && wide.Matches(narrow.Pattern)) ||
        (wide.IsPrefixPattern && narrow.LiteralPrefix.StartsWith(wide.LiteralPrefix, StringComparison.Ordinal));
}
