namespace Modgate.Policy;

/// <summary>
/// A shell glob as fnmatch(3) reads it with no flags, which is what modprobe applies to
/// <c>modules.alias</c> and what the policy language promises: <c>*</c>, <c>?</c>, <c>[...]</c>
/// (with <c>!</c> or <c>^</c> negation and ranges) and backslash escapes.
/// </summary>
public sealed class Glob : IEquatable<Glob>
{
    public Glob(string pattern)
    {
        Pattern = pattern;
        var firstMeta = pattern.AsSpan().IndexOfAny("*?[\\");
        IsLiteral = firstMeta < 0;
        LiteralPrefix = IsLiteral ? pattern : pattern[..firstMeta];
        IsPrefixPattern = !IsLiteral && firstMeta == pattern.Length - 1 && pattern[^1] == '*';
    }

    public string Pattern { get; }

    private Glob? _dashInsensitive;

    /// <summary>
    /// This glob with <c>-</c> written <c>_</c> (outside bracket ranges), to match names that were normalized the
    /// same way: modprobe compares request strings and module names without telling <c>-</c> from <c>_</c>.
    /// </summary>
    public Glob DashInsensitive => _dashInsensitive ??= ModuleName.NormalizePattern(Pattern) is var p && p == Pattern ? this : new Glob(p);

    /// <summary>No metacharacter: matches exactly one string.</summary>
    public bool IsLiteral { get; }

    /// <summary>The characters before the first metacharacter; every match starts with them.</summary>
    public string LiteralPrefix { get; }

    /// <summary>Of the form <c>PREFIX*</c>: matches every string starting with <see cref="LiteralPrefix"/>.</summary>
    public bool IsPrefixPattern { get; }

    /// <summary>Matches everything (<c>*</c>).</summary>
    public bool MatchesEverything => IsPrefixPattern && LiteralPrefix.Length == 0;

    public bool Matches(ReadOnlySpan<char> text)
    {
        if (IsLiteral) return text.SequenceEqual(Pattern);
        if (IsPrefixPattern) return text.StartsWith(LiteralPrefix, StringComparison.Ordinal);
        return FnMatch(Pattern, text);
    }

    /// <summary>fnmatch(pattern, text, 0): iterative, backtracking only to the last star, so linear-ish and never recursive.</summary>
    public static bool FnMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length)
            {
                var c = pattern[p];
                if (c == '*')
                {
                    starP = ++p;
                    starT = t;
                    continue;
                }
                if (c == '?')
                {
                    p++; t++;
                    continue;
                }
                if (c == '[' && TryMatchBracket(pattern, p, text[t], out var next, out var hit))
                {
                    if (hit) { p = next; t++; continue; }
                }
                else
                {
                    if (c == '\\' && p + 1 < pattern.Length) c = pattern[++p];
                    if (c == text[t]) { p++; t++; continue; }
                }
            }
            if (starP < 0) return false;
            p = starP;
            t = ++starT;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    // A bracket expression that is never closed is an ordinary '[' (as glibc's fnmatch treats it).
    private static bool TryMatchBracket(ReadOnlySpan<char> pattern, int open, char ch, out int next, out bool hit)
    {
        var i = open + 1;
        var negate = i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^');
        if (negate) i++;
        var matched = false;
        var first = true;
        while (i < pattern.Length && (first || pattern[i] != ']'))
        {
            first = false;
            var lo = pattern[i];
            if (lo == '\\' && i + 1 < pattern.Length) lo = pattern[++i];
            var hi = lo;
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                hi = pattern[i + 2];
                if (hi == '\\' && i + 3 < pattern.Length) { hi = pattern[i + 3]; i++; }
                i += 2;
            }
            if (lo <= ch && ch <= hi) matched = true;
            i++;
        }
        if (i >= pattern.Length)
        {
            next = open; hit = false;
            return false;
        }
        next = i + 1;
        hit = matched != negate;
        return true;
    }

    public bool Equals(Glob? other) => other is not null && other.Pattern == Pattern;

    public override bool Equals(object? obj) => Equals(obj as Glob);

    public override int GetHashCode() => Pattern.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Pattern;
}
