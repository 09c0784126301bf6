namespace Modgate.Policy;

/// <summary>
/// Turns the text of one policy file into directives. Each line is parsed on its own, so every
/// error of a file is reported in one run; a line with an error produces no directive.
/// Checks that need more than one line (duplicates, shadowing) belong to <see cref="PolicyValidator"/>.
/// </summary>
public static class PolicyParser
{
    internal const string DirectiveList = "version, autoload, load, unload, grant, allow, deny, audit, default, enforcement, lock";

    public static IReadOnlyList<Directive> Parse(string file, ReadOnlySpan<byte> bytes, List<Diagnostic> diagnostics)
    {
        var directives = new List<Directive>();
        foreach (var line in SourceLines.Split(file, bytes, diagnostics))
        {
            if (line.Text is null) continue;
            var tokens = Lexer.Tokenize(line.Text);
            if (tokens.Count == 0) continue;
            var directive = new LineParser(file, line.Number, tokens, diagnostics).Parse();
            if (directive is not null) directives.Add(directive);
        }
        return directives;
    }

    public static IReadOnlyList<Directive> Parse(string file, string text, List<Diagnostic> diagnostics) =>
        Parse(file, System.Text.Encoding.UTF8.GetBytes(text), diagnostics);
}

/// <summary>Parses the tokens of one line.</summary>
internal sealed class LineParser(string file, int line, List<Token> tokens, List<Diagnostic> diagnostics)
{
    private bool _failed;

    private SourcePosition At(int column) => new(file, line, column);

    private SourcePosition At(Token token) => At(token.Column);

    private void Error(SourcePosition at, string message)
    {
        diagnostics.Add(Diagnostic.Error(at, message));
        _failed = true;
    }

    public Directive? Parse()
    {
        var keyword = tokens[0];
        var directive = keyword.Text switch
        {
            "version" => ParseVersion(),
            var word when PolicyWords.TryParse(word, out Verb verb) => ParseMode(verb),
            "grant" => ParseGrant(),
            "allow" => ParseRule(RuleAction.Allow),
            "deny" => ParseRule(RuleAction.Deny),
            "audit" => ParseRule(RuleAction.Audit),
            "default" => ParseDefault(),
            "enforcement" => ParseEnforcement(),
            "lock" => ParseLock(),
            _ => UnknownDirective(keyword),
        };
        return _failed ? null : directive;
    }

    private Directive? UnknownDirective(Token keyword)
    {
        var hint = Suggestions.DidYouMean(keyword.Text, PolicyParser.DirectiveList.Split(", "));
        Error(At(keyword), $"unknown directive '{keyword.Text}'{hint} (expected one of: {PolicyParser.DirectiveList})");
        return null;
    }

    /// <summary>The single argument of a one-word directive, or an error naming what was expected.</summary>
    private Token? SingleArgument(string expected)
    {
        var keyword = tokens[0];
        if (tokens.Count < 2)
        {
            Error(At(keyword.Column + keyword.Text.Length), $"'{keyword.Text}' needs a value: {expected}");
            return null;
        }
        for (var i = 2; i < tokens.Count; i++)
            Error(At(tokens[i]), $"unexpected '{tokens[i].Text}' after '{keyword.Text} {tokens[1].Text}'");
        return tokens[1];
    }

    private Directive? ParseVersion()
    {
        if (SingleArgument("1") is not { } value) return null;
        if (value.Text != "1")
        {
            Error(At(value), $"unsupported policy version '{value.Text}': this modgate reads version 1");
            return null;
        }
        return new VersionDirective(At(tokens[0]), 1);
    }

    private Directive? ParseMode(Verb verb)
    {
        var name = tokens[0].Text;
        var expected = verb == Verb.Autoload ? "classic, privileged or off" : "classic or off";
        if (SingleArgument(expected) is not { } value) return null;
        if (!PolicyWords.TryParse(value.Text, out Mode mode))
        {
            Error(At(value), $"invalid {name} mode '{value.Text}' (expected {expected})");
            return null;
        }
        if (mode == Mode.Privileged && verb != Verb.Autoload)
        {
            Error(At(value), $"'{name} privileged' is not a mode: the kernel already requires CAP_SYS_MODULE for every {(verb == Verb.Load ? "explicit load" : "unload")}; use '{name} classic' or '{name} off'");
            return null;
        }
        return new ModeDirective(At(tokens[0]), verb, mode);
    }

    private Directive? ParseDefault()
    {
        if (SingleArgument("allow or deny") is not { } value) return null;
        if (!PolicyWords.TryParse(value.Text, out Verdict verdict))
        {
            Error(At(value), $"invalid default '{value.Text}' (expected allow or deny)");
            return null;
        }
        return new DefaultDirective(At(tokens[0]), verdict);
    }

    private Directive? ParseEnforcement()
    {
        if (SingleArgument("enforce or complain") is not { } value) return null;
        if (!PolicyWords.TryParse(value.Text, out EnforcementMode mode))
        {
            Error(At(value), $"invalid enforcement '{value.Text}' (expected enforce or complain)");
            return null;
        }
        return new EnforcementDirective(At(tokens[0]), mode);
    }

    private Directive? ParseLock()
    {
        for (var i = 1; i < tokens.Count; i++)
            Error(At(tokens[i]), $"unexpected '{tokens[i].Text}': 'lock' takes no value");
        return new LockDirective(At(tokens[0]));
    }

    private Directive? ParseGrant()
    {
        if (tokens.Count < 2 || tokens[1].Text.Contains('='))
        {
            var at = tokens.Count < 2 ? At(tokens[0].Column + tokens[0].Text.Length) : At(tokens[1]);
            Error(at, "'grant' needs request patterns first, e.g. 'grant netdev-* cap=CAP_NET_ADMIN'");
            return null;
        }
        var requests = ParsePatternList(tokens[1].Text, tokens[1].Column, "grant");
        var keys = ParseKeys(2, GrantKeys, "grant");
        if (_failed || requests is null) return null;
        return new GrantDirective(At(tokens[0]), requests.Value, keys.Capability, keys.Uids, keys.Cgroups);
    }

    private static readonly string[] RuleKeys = ["module", "request", "origin", "uid", "cap", "cgroup"];
    private static readonly string[] GrantKeys = ["cap", "uid", "cgroup"];

    private Directive? ParseRule(RuleAction action)
    {
        var next = 1;
        var unload = false;
        if (tokens.Count > 1 && tokens[1].Text == "unload")
        {
            unload = true;
            next = 2;
        }
        var keys = ParseKeys(next, RuleKeys, tokens[0].Text);
        if (unload && keys.RequestAt is { } requestAt)
            Error(requestAt, "'request=' does not apply to unload rules: only autoload requests have a request string (use module=)");
        if (unload && keys.OriginAt is { } originAt)
            Error(originAt, "'origin=' does not apply to unload rules: origin tells how a module is loaded");
        if (_failed) return null;
        return new RuleDirective(At(tokens[0]), action, unload, keys.Modules, keys.Requests, keys.Origin, keys.Uids,
            keys.Capability, keys.Cgroups);
    }

    private sealed class Keys
    {
        public EquatableArray<Pattern>? Modules, Requests, Cgroups;
        public Origin? Origin;
        public UidRange? Uids;
        public int? Capability;
        public SourcePosition? RequestAt, OriginAt;
    }

    private Keys ParseKeys(int first, string[] allowed, string directive)
    {
        var keys = new Keys();
        var seen = new Dictionary<string, SourcePosition>();
        for (var i = first; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var eq = token.Text.IndexOf('=');
            if (eq < 0)
            {
                var hint = token.Text == "unload" ? ": 'unload' must come right after the action" : "";
                Error(At(token), $"expected KEY=VALUE, found '{token.Text}'{hint}");
                continue;
            }
            var key = token.Text[..eq];
            var value = token.Text[(eq + 1)..];
            var valueColumn = token.Column + eq + 1;
            if (!allowed.Contains(key))
            {
                var known = string.Join(", ", allowed.Select(k => k + "="));
                var what = RuleKeys.Contains(key) ? $"key '{key}=' is not allowed in {directive}" : $"unknown key '{key}='{Suggestions.DidYouMean(key, RuleKeys)}";
                Error(At(token), $"{what} (expected {known})");
                continue;
            }
            if (seen.TryGetValue(key, out var earlier))
            {
                Error(At(token), $"duplicate key '{key}=' (already given at column {earlier.Column}; use commas for several values)");
                continue;
            }
            seen[key] = At(token);
            switch (key)
            {
                case "module":
                    keys.Modules = ParsePatternList(value, valueColumn, "module=");
                    break;
                case "request":
                    keys.Requests = ParsePatternList(value, valueColumn, "request=");
                    keys.RequestAt = At(token);
                    break;
                case "cgroup":
                    keys.Cgroups = ParsePatternList(value, valueColumn, "cgroup=");
                    break;
                case "origin":
                    keys.OriginAt = At(token);
                    keys.Origin = PolicyWords.TryParse(value, out Origin origin) ? origin : null;
                    if (keys.Origin is null) Error(At(valueColumn), $"invalid origin '{value}' (expected autoload or explicit)");
                    break;
                case "uid":
                    keys.Uids = ParseUidRange(value, valueColumn);
                    break;
                case "cap":
                    keys.Capability = ParseCapability(value, valueColumn);
                    break;
            }
        }
        return keys;
    }

    private EquatableArray<Pattern>? ParsePatternList(string value, int column, string what)
    {
        var patterns = new List<Pattern>();
        var start = 0;
        foreach (var part in value.Split(','))
        {
            if (part.Length == 0)
                Error(At(column + start), $"empty pattern in {what} (write a name or a glob such as 'nf_*')");
            else
                patterns.Add(new Pattern(part, At(column + start)));
            start += part.Length + 1;
        }
        return _failed ? null : new EquatableArray<Pattern>(patterns);
    }

    private UidRange? ParseUidRange(string value, int column)
    {
        var dash = value.IndexOf('-');
        var firstText = dash < 0 ? value : value[..dash];
        var lastText = dash < 0 ? value : value[(dash + 1)..];
        if (ParseUid(firstText, column) is not { } first) return null;
        if (ParseUid(lastText, dash < 0 ? column : column + dash + 1) is not { } last) return null;
        if (first > last)
        {
            Error(At(column), $"uid range {value} is empty: the first uid must not be greater than the last");
            return null;
        }
        return new UidRange(first, last);
    }

    private uint? ParseUid(string text, int column)
    {
        // (uid_t)-1 means "no uid" to the kernel, so it is not a uid a rule can name.
        if (text.Length > 0 && text.All(char.IsAsciiDigit) &&
            uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid) &&
            uid != uint.MaxValue)
            return uid;
        Error(At(column), text.Length == 0
            ? "missing uid (write uid=N or uid=N-M)"
            : $"invalid uid '{text}' (expected a number from 0 to 4294967294)");
        return null;
    }

    private int? ParseCapability(string value, int column)
    {
        if (CapabilitySet.TryParseName(value, out var number)) return number;
        var hint = Suggestions.DidYouMean(value.ToUpperInvariant(), CapabilitySet.AllNames);
        Error(At(column), $"unknown capability '{value}'{hint}");
        return null;
    }
}
