using CsCheck;

namespace Modgate.Policy.Tests;

/// <summary>Properties over generated policies, requests and byte strings.</summary>
public class PropertyTests
{
    private static readonly SourcePosition Nowhere = new("", 0, 0);

    private static readonly Gen<string> Name = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789_-"], 1, 12];
    private static readonly Gen<string> PatternText = Gen.OneOf(
        Name,
        Name.Select(n => n + "*"),
        Gen.Const("*"),
        Gen.Select(Name, Name, (a, b) => $"{a}?{b}"),
        Name.Select(n => $"[a-f]{n}"));

    private static Gen<EquatableArray<Pattern>> Patterns(Gen<string> text) =>
        text.Array[1, 4].Select(a => new EquatableArray<Pattern>(a.Select(t => new Pattern(t, Nowhere))));

    private static Gen<EquatableArray<Pattern>?> Maybe(Gen<EquatableArray<Pattern>> gen) =>
        Gen.Frequency((1, Gen.Const((EquatableArray<Pattern>?)null)), (1, gen.Select(p => (EquatableArray<Pattern>?)p)));

    private static readonly Gen<UidRange?> Uids = Gen.Frequency(
        (2, Gen.Const((UidRange?)null)),
        (1, Gen.Select(Gen.UInt[0, 70000], Gen.UInt[0, 70000], (a, b) => (UidRange?)new UidRange(Math.Min(a, b), Math.Max(a, b)))));

    private static readonly Gen<int?> Capability = Gen.Frequency((2, Gen.Const((int?)null)), (1, Gen.Int[0, 40].Select(c => (int?)c)));

    private static readonly Gen<EquatableArray<Pattern>> Cgroups = Patterns(Name.Select(n => "/" + n));

    private static readonly Gen<Directive> Rule =
        Gen.Select(Gen.Enum<RuleAction>(), Gen.Bool, Maybe(Patterns(PatternText)), Maybe(Patterns(PatternText)),
                Gen.Select(Gen.Int[0, 2], Uids, Capability, Maybe(Cgroups)))
            .Select((action, unload, modules, requests, rest) => (Directive)new RuleDirective(Nowhere, action, unload, modules,
                unload ? null : requests,
                unload || rest.Item1 == 0 ? null : (Origin)rest.Item1,
                rest.Item2, rest.Item3, rest.Item4));

    private static readonly Gen<Directive> Grant =
        Gen.Select(Patterns(PatternText), Capability, Uids, Maybe(Cgroups))
            .Select((requests, cap, uids, cgroups) => (Directive)new GrantDirective(Nowhere, requests, cap, uids, cgroups));

    /// <summary>Valid policies: single-valued directives at most once, anywhere among rules and grants.</summary>
    internal static readonly Gen<PolicyDocument> Document =
        Gen.Select(
                Gen.OneOf(Rule, Grant).List[0, 15],
                Gen.Select(Gen.Bool, Gen.Int[-1, 2], Gen.Int[-1, 1], Gen.Int[-1, 1]),
                Gen.Select(Gen.Int[-1, 1], Gen.Int[-1, 1], Gen.Bool),
                Gen.Int[0, 1000])
            .Select((body, modes, settings, seed) =>
            {
                var directives = new List<Directive>(body);
                var random = new Random(seed);
                void Insert(Directive d) => directives.Insert(random.Next(directives.Count + 1), d);
                if (modes.Item2 >= 0) Insert(new ModeDirective(Nowhere, Verb.Autoload, (Mode)modes.Item2));
                if (modes.Item3 >= 0) Insert(new ModeDirective(Nowhere, Verb.Load, modes.Item3 == 0 ? Mode.Classic : Mode.Off));
                if (modes.Item4 >= 0) Insert(new ModeDirective(Nowhere, Verb.Unload, modes.Item4 == 0 ? Mode.Classic : Mode.Off));
                if (settings.Item1 >= 0) Insert(new DefaultDirective(Nowhere, (Verdict)settings.Item1));
                if (settings.Item2 >= 0) Insert(new EnforcementDirective(Nowhere, (EnforcementMode)settings.Item2));
                if (settings.Item3) Insert(new LockDirective(Nowhere));
                if (modes.Item1) directives.Insert(0, new VersionDirective(Nowhere, 1));
                return new PolicyDocument(new EquatableArray<Directive>(directives), new EquatableArray<string>(["p.conf"]));
            });

    internal static readonly Gen<Request> AnyRequest =
        Gen.Select(Gen.Enum<Verb>(), Name, Name.Array[0, 3], Gen.Select(Gen.UInt, Gen.ULong, Name, Gen.Enum<Mode>()), Gen.Bool)
            .Select((verb, requestString, modules, caller, explicitOrigin) => new Request(verb,
                verb == Verb.Autoload ? requestString : null,
                verb == Verb.Autoload ? modules : [modules.FirstOrDefault() ?? requestString],
                verb == Verb.Autoload || !explicitOrigin ? Origin.Autoload : Origin.Explicit,
                caller.Item1, new CapabilitySet(caller.Item2), "/" + caller.Item3, caller.Item4));

    [Fact]
    public void Parse_of_print_gives_the_same_policy() =>
        Document.Sample(document =>
        {
            var text = PolicyPrinter.Print(document);
            var reparsed = PolicyLoader.LoadText("p.conf", text);
            Assert.False(reparsed.HasErrors, text + "\n" + string.Join("\n", reparsed.Diagnostics));
            Assert.Equal(document.Directives.Select(d => d.WithoutPosition()), reparsed.Document!.Directives.Select(d => d.WithoutPosition()));
        }, iter: 2000);

    [Fact]
    public void The_evaluator_never_throws_and_always_names_a_layer() =>
        Gen.Select(Document, AnyRequest.Array[1, 20]).Sample((document, requests) =>
        {
            var policy = PolicyCompiler.Compile(document);
            foreach (var request in requests)
            {
                var decision = policy.Decide(request);
                Assert.True(Enum.IsDefined(decision.Layer));
                if (decision.Layer == DecisionLayer.Rule) Assert.NotNull(decision.Source);
            }
        }, iter: 1000);

    [Fact]
    public void The_index_gives_the_decision_of_a_plain_first_match_scan() =>
        Gen.Select(Document, AnyRequest.Array[1, 20]).Sample((document, requests) =>
        {
            var policy = PolicyCompiler.Compile(document);
            foreach (var request in requests)
            {
                var decision = policy.Decide(request);
                if (decision.Layer is DecisionLayer.ProcessMode or DecisionLayer.GlobalMode) continue;
                var firstMatch = policy.Rules.FirstOrDefault(r => r.Action != RuleAction.Audit && r.Matches(request));
                Assert.Equal(firstMatch?.Source ?? policy.DefaultSource, decision.Source);
                var audits = policy.Rules.TakeWhile(r => r != firstMatch).Where(r => r.Action == RuleAction.Audit && r.Matches(request)).Select(r => r.Source);
                Assert.Equal(audits, decision.Audits);
            }
        }, iter: 1000);

    [Fact]
    public void Random_bytes_give_diagnostics_never_an_exception() =>
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            var diagnostics = new List<Diagnostic>();
            PolicyParser.Parse("fuzz.conf", bytes, diagnostics);
            Assert.All(diagnostics, d => Assert.Equal("fuzz.conf", d.Position.File));
        }, iter: 5000);

    [Fact]
    public void Random_words_from_the_language_give_diagnostics_never_an_exception()
    {
        string[] vocabulary = ["allow", "deny", "audit", "unload", "grant", "autoload", "load", "default", "lock",
            "privileged", "off", "module=", "request=", "uid=", "uid=1-", "cap=", "origin=", "cgroup=", ",", "=", "#", "-"];
        var word = Gen.OneOf(Gen.Int[0, vocabulary.Length - 1].Select(i => vocabulary[i]), Name);
        word.Array[0, 8].Select(w => string.Join(' ', w)).Array[0, 10].Sample(lines =>
        {
            var result = PolicyLoader.LoadText("w.conf", string.Join('\n', lines));
            if (!result.HasErrors) PolicyCompiler.Compile(result.Document!);
        }, iter: 3000);
    }
}
