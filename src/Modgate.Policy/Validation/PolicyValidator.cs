namespace Modgate.Policy;

/// <summary>
/// Checks that look at more than one line: directives given twice, rules that can never match,
/// settings that contradict each other, and (given a kernel tree) module names that do not exist.
/// </summary>
public static class PolicyValidator
{
    public static IEnumerable<Diagnostic> Validate(PolicyDocument document, IReadOnlySet<string>? knownModules = null)
    {
        var diagnostics = new List<Diagnostic>();
        CheckSingletons(document, diagnostics);
        CheckGrants(document, diagnostics);
        CheckShadowedRules(document, diagnostics);
        if (knownModules is not null) CheckModuleNames(document, knownModules, diagnostics);
        return diagnostics;
    }

    private static void CheckSingletons(PolicyDocument document, List<Diagnostic> diagnostics)
    {
        var first = new Dictionary<string, SourcePosition>();
        foreach (var directive in document.Directives)
        {
            var name = directive switch
            {
                ModeDirective m => m.Verb switch { Verb.Autoload => "autoload", Verb.Load => "load", _ => "unload" },
                DefaultDirective => "default",
                EnforcementDirective => "enforcement",
                LockDirective => "lock",
                _ => null,
            };
            if (name is null) continue;
            if (first.TryGetValue(name, out var earlier))
                diagnostics.Add(Diagnostic.Error(directive.Position, $"duplicate '{name}' directive: already given at {earlier}"));
            else
                first[name] = directive.Position;
        }
        var complain = document.Directives.OfType<EnforcementDirective>().FirstOrDefault(e => e.Mode == EnforcementMode.Complain);
        var lockDirective = document.Directives.OfType<LockDirective>().FirstOrDefault();
        if (complain is not null && lockDirective is not null)
            diagnostics.Add(Diagnostic.Warning(lockDirective.Position,
                $"'lock' with 'enforcement complain' (at {complain.Position}) locks a policy that denies nothing until reboot"));
    }

    private static void CheckGrants(PolicyDocument document, List<Diagnostic> diagnostics)
    {
        var privileged = document.Directives.OfType<ModeDirective>()
            .Any(m => m.Verb == Verb.Autoload && m.Mode == Mode.Privileged);
        if (privileged) return;
        foreach (var grant in document.Grants)
            diagnostics.Add(Diagnostic.Warning(grant.Position, "'grant' has no effect unless the policy says 'autoload privileged'"));
    }

    private static void CheckShadowedRules(PolicyDocument document, List<Diagnostic> diagnostics)
    {
        var deciding = new List<RuleDirective>();
        foreach (var rule in document.Rules)
        {
            var shadow = deciding.FirstOrDefault(earlier => RuleCoverage.Covers(earlier, rule));
            if (shadow is not null)
                diagnostics.Add(Diagnostic.Warning(rule.Position,
                    $"rule can never match: the rule at {shadow.Position} already decides every request it matches"));
            if (rule.Action != RuleAction.Audit) deciding.Add(rule);
        }
    }

    private static void CheckModuleNames(PolicyDocument document, IReadOnlySet<string> knownModules, List<Diagnostic> diagnostics)
    {
        var patterns = document.Rules.SelectMany(r => r.Modules ?? default);
        foreach (var pattern in patterns)
        {
            var normalized = ModuleName.NormalizePattern(pattern.Text);
            var glob = new Glob(normalized);
            var exists = glob.IsLiteral ? knownModules.Contains(normalized) : knownModules.Any(m => glob.Matches(m));
            if (exists) continue;
            var hint = glob.IsLiteral ? Suggestions.DidYouMean(normalized, knownModules) : "";
            diagnostics.Add(Diagnostic.Warning(pattern.Position,
                glob.IsLiteral ? $"module '{pattern.Text}' is not in the kernel tree{hint}" : $"pattern '{pattern.Text}' matches no module of the kernel tree"));
        }
    }
}
