namespace Modgate.Policy.Tests;

/// <summary>Each directive parses into what it says, with positions.</summary>
public class DirectiveTests
{
    private static Directive Single(string text)
    {
        var result = PolicyText.Load(text);
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Document!.Directives);
    }

    [Fact]
    public void Version() => Assert.Equal(new VersionDirective(new("p.conf", 1, 1), 1), Single("version 1"));

    [Theory]
    [InlineData("autoload classic", Verb.Autoload, Mode.Classic)]
    [InlineData("autoload privileged", Verb.Autoload, Mode.Privileged)]
    [InlineData("autoload off", Verb.Autoload, Mode.Off)]
    [InlineData("load classic", Verb.Load, Mode.Classic)]
    [InlineData("load off", Verb.Load, Mode.Off)]
    [InlineData("unload classic", Verb.Unload, Mode.Classic)]
    [InlineData("unload off # trailing comment", Verb.Unload, Mode.Off)]
    public void Modes(string text, Verb verb, Mode mode) =>
        Assert.Equal(new ModeDirective(new("p.conf", 1, 1), verb, mode), Single(text));

    [Fact]
    public void Grant_with_every_key()
    {
        var result = PolicyText.Load("autoload privileged\ngrant netdev-*,net-pf-31 cap=CAP_NET_ADMIN uid=0-999 cgroup=/system.slice/*");
        Assert.Empty(result.Diagnostics);
        var grant = Assert.Single(result.Document!.Grants);
        Assert.Equal(["netdev-*", "net-pf-31"], grant.Requests.Select(p => p.Text));
        Assert.Equal(new SourcePosition("p.conf", 2, 16), grant.Requests[1].Position);
        Assert.Equal(CapabilitySet.NetAdmin, grant.Capability);
        Assert.Equal(new UidRange(0, 999), grant.Uids);
        Assert.Equal("/system.slice/*", Assert.Single(grant.Cgroups!.Value).Text);
    }

    [Fact]
    public void Rule_with_every_key()
    {
        var rule = Assert.IsType<RuleDirective>(Single("\tdeny module=nf_*,ext4 request=net-pf-* origin=explicit uid=1000-60000 cap=cap_net_admin cgroup=/user.slice/*"));
        Assert.Equal(new SourcePosition("p.conf", 1, 2), rule.Position);
        Assert.Equal(RuleAction.Deny, rule.Action);
        Assert.False(rule.Unload);
        Assert.Equal(["nf_*", "ext4"], rule.Modules!.Value.Select(p => p.Text));
        Assert.Equal(new SourcePosition("p.conf", 1, 19), rule.Modules!.Value[1].Position);
        Assert.Equal(["net-pf-*"], rule.Requests!.Value.Select(p => p.Text));
        Assert.Equal(Origin.Explicit, rule.Origin);
        Assert.Equal(new UidRange(1000, 60000), rule.Uids);
        Assert.Equal(CapabilitySet.NetAdmin, rule.Capability);
        Assert.Equal(["/user.slice/*"], rule.Cgroups!.Value.Select(p => p.Text));
    }

    [Theory]
    [InlineData("allow", RuleAction.Allow)]
    [InlineData("deny", RuleAction.Deny)]
    [InlineData("audit", RuleAction.Audit)]
    public void Rule_actions_and_unload(string action, RuleAction expected)
    {
        var rule = Assert.IsType<RuleDirective>(Single($"{action} unload module=dm_crypt uid=7"));
        Assert.Equal(expected, rule.Action);
        Assert.True(rule.Unload);
        Assert.Equal(new UidRange(7, 7), rule.Uids);
        Assert.Null(rule.Requests);
        Assert.Null(rule.Origin);
    }

    [Fact]
    public void A_rule_without_keys_matches_everything()
    {
        var rule = Assert.IsType<RuleDirective>(Single("deny"));
        Assert.Null(rule.Modules);
        Assert.Null(rule.Uids);
    }

    [Theory]
    [InlineData("default allow", Verdict.Allow)]
    [InlineData("default deny", Verdict.Deny)]
    public void Default(string text, Verdict verdict) => Assert.Equal(new DefaultDirective(new("p.conf", 1, 1), verdict), Single(text));

    [Theory]
    [InlineData("enforcement enforce", EnforcementMode.Enforce)]
    [InlineData("enforcement complain", EnforcementMode.Complain)]
    public void Enforcement(string text, EnforcementMode mode) =>
        Assert.Equal(new EnforcementDirective(new("p.conf", 1, 1), mode), Single(text));

    [Fact]
    public void Lock() => Assert.Equal(new LockDirective(new("p.conf", 1, 1)), Single("lock"));

    [Fact]
    public void Comments_blank_lines_crlf_and_bom_are_ignored()
    {
        var result = PolicyLoader.LoadText("p.conf", "\uFEFF# header\r\n\r\n   \t\r\nautoload off # why\r\n");
        Assert.Empty(result.Diagnostics);
        var mode = Assert.IsType<ModeDirective>(Assert.Single(result.Document!.Directives));
        Assert.Equal(new SourcePosition("p.conf", 4, 1), mode.Position);
    }

    [Fact]
    public void Empty_policy_is_valid_and_changes_nothing()
    {
        var policy = PolicyText.Compile("");
        Assert.Equal(Mode.Classic, policy.AutoloadMode);
        Assert.Empty(policy.Rules);
        var decision = policy.Decide(Request.Autoload("tty-ldisc-13", ["n_hdlc"], uid: 1000));
        Assert.Equal(Verdict.Allow, decision.Verdict);
        Assert.Equal(DecisionLayer.Default, decision.Layer);
        Assert.Null(decision.Source);
    }
}
