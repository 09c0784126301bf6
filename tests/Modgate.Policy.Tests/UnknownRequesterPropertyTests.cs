using CsCheck;

namespace Modgate.Policy.Tests;

/// <summary>
/// Properties of the unknown requester (SPEC.md §2 "Who asked") over generated policies and requests: it is the
/// least privileged caller there is, and it is judged as if identity-keyed allow and audit rules and identity-keyed
/// grants did not exist and identity-keyed deny rules had lost their identity keys.
/// </summary>
public class UnknownRequesterPropertyTests
{
    /// <summary>Each directive on its own line, so that every decision names which one decided.</summary>
    private static readonly Gen<PolicyDocument> Numbered = PropertyTests.Document.Select(d => d with
    {
        Directives = new EquatableArray<Directive>(d.Directives.Select((x, i) => x with { Position = new SourcePosition("p.conf", i + 1, 1) })),
    });

    private static bool Denied(Decision d) => d.Verdict == Verdict.Deny || d.WouldDeny;

    private static bool HasIdentity(RuleDirective r) => r.Uids is not null || r.Capability is not null || r.Cgroups is not null;

    private static bool HasIdentity(GrantDirective g) => g.Uids is not null || g.Capability is not null || g.Cgroups is not null;

    [Fact]
    public void An_unknown_requester_is_never_allowed_by_a_rule_that_needs_identity() =>
        Gen.Select(Numbered, PropertyTests.AnyRequest.Array[1, 20]).Sample((document, requests) =>
        {
            var policy = PolicyCompiler.Compile(document);
            foreach (var request in requests)
            {
                var decision = policy.Decide(request with { UnknownRequester = true });
                if (decision.Layer == DecisionLayer.Rule && policy.Rules.Single(r => r.Source == decision.Source).HasIdentityKeys)
                    Assert.True(Denied(decision), $"allowed by the identity-keyed rule at {decision.Source}");
                Assert.All(decision.Audits, a => Assert.False(policy.Rules.Single(r => r.Source == a).HasIdentityKeys));
                Assert.True(decision.Grant is null || !decision.Grant.HasIdentityKeys);
            }
        }, iter: 1000);

    [Fact]
    public void What_an_unknown_requester_may_do_every_identified_caller_may_do() =>
        Gen.Select(Numbered, PropertyTests.AnyRequest.Array[1, 20]).Sample((document, requests) =>
        {
            var policy = PolicyCompiler.Compile(document);
            foreach (var request in requests)
                if (!Denied(policy.Decide(request with { UnknownRequester = true })))
                    Assert.False(Denied(policy.Decide(request)), $"the unknown requester passes, {request} does not");
        }, iter: 1000);

    [Fact]
    public void An_unknown_requester_is_judged_as_a_caller_without_identity_by_the_policy_without_identity_keys() =>
        Gen.Select(Numbered, PropertyTests.AnyRequest.Array[1, 20]).Sample((document, requests) =>
        {
            var policy = PolicyCompiler.Compile(document);
            var stripped = PolicyCompiler.Compile(document with
            {
                Directives = new EquatableArray<Directive>(document.Directives.SelectMany(StripIdentity)),
            });
            foreach (var request in requests)
            {
                var unknown = policy.Decide(request with { UnknownRequester = true });
                // capabilities none: the built-in netdev-* cap=CAP_NET_ADMIN grant cannot match either
                var model = stripped.Decide(request with { Capabilities = CapabilitySet.None });
                // the grants are compiled twice: compared by where they were written
                Assert.Equal(model with { Grant = null }, unknown with { Grant = null });
                Assert.Equal(model.Grant?.Source, unknown.Grant?.Source);
            }
        }, iter: 1000);

    private static IEnumerable<Directive> StripIdentity(Directive directive) => directive switch
    {
        RuleDirective r when HasIdentity(r) && r.Action != RuleAction.Deny => [],
        RuleDirective r when HasIdentity(r) => [r with { Uids = null, Capability = null, Cgroups = null }],
        GrantDirective g when HasIdentity(g) => [],
        _ => [directive],
    };
}
