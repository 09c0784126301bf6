namespace Modgate.Policy.Tests;

/// <summary>
/// SPEC.md §2 "Who asked": a request whose requester the kernel could not tell is judged as unprivileged and fails
/// closed on uid=, cap= and cgroup= — such a rule matches exactly when it denies, such a grant never.
/// </summary>
public class UnknownRequesterTests
{
    private static Request Unknown(Request request) => request with { UnknownRequester = true };

    [Theory]
    [InlineData("deny module=n_hdlc uid=1000\n", Verdict.Deny, DecisionLayer.Rule)]        // identity-keyed deny: matches
    [InlineData("deny module=n_hdlc cap=CAP_SYS_ADMIN\n", Verdict.Deny, DecisionLayer.Rule)]
    [InlineData("deny module=n_hdlc cgroup=/nowhere\n", Verdict.Deny, DecisionLayer.Rule)]
    [InlineData("allow module=n_hdlc uid=0\ndefault deny\n", Verdict.Deny, DecisionLayer.Default)] // identity-keyed allow: never
    [InlineData("allow module=n_hdlc cap=CAP_SYS_MODULE\ndefault deny\n", Verdict.Deny, DecisionLayer.Default)]
    [InlineData("allow module=n_hdlc\ndefault deny\n", Verdict.Allow, DecisionLayer.Rule)]   // no identity key: as usual
    [InlineData("deny module=n_hdlc\n", Verdict.Deny, DecisionLayer.Rule)]
    public void Identity_keyed_rules_match_an_unknown_requester_only_when_they_deny(string text, Verdict verdict, DecisionLayer layer)
    {
        var policy = PolicyText.Compile(text);
        // root with every capability, as far as the request says: an unknown requester is judged without them
        var decision = policy.Decide(Unknown(Request.Autoload("tty-ldisc-13", ["n_hdlc"], uid: 0, capabilities: CapabilitySet.All)));
        Assert.Equal((verdict, layer), (decision.Verdict, decision.Layer));
    }

    [Fact]
    public void The_same_rules_judge_a_known_requester_by_its_identity()
    {
        var policy = PolicyText.Compile("deny module=n_hdlc uid=1000\nallow module=n_hdlc uid=0\ndefault deny\n");
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Autoload("tty-ldisc-13", ["n_hdlc"], uid: 0)).Verdict);
        Assert.Equal(new SourcePosition("p.conf", 1, 1), policy.Decide(Request.Autoload("tty-ldisc-13", ["n_hdlc"], uid: 1000)).Source);
        Assert.Equal(new SourcePosition("p.conf", 1, 1), policy.Decide(Unknown(Request.Autoload("tty-ldisc-13", ["n_hdlc"], uid: 0))).Source);
    }

    [Fact]
    public void Identity_keyed_audit_rules_do_not_record_an_unknown_requester()
    {
        var policy = PolicyText.Compile("audit module=* uid=0-4294967294\naudit module=*\n");
        var decision = policy.Decide(Unknown(Request.Load("dummy", Origin.Autoload)));
        Assert.Equal([new SourcePosition("p.conf", 2, 1)], decision.Audits);
    }

    [Fact]
    public void Name_and_origin_keys_still_decide_whether_an_identity_keyed_deny_applies()
    {
        var policy = PolicyText.Compile("deny module=dummy uid=1000 origin=explicit\ndeny module=tun cap=CAP_NET_ADMIN\n");
        Assert.Equal(DecisionLayer.Default, policy.Decide(Unknown(Request.Load("dummy", Origin.Autoload))).Layer);
        Assert.Equal(DecisionLayer.Default, policy.Decide(Unknown(Request.Load("veth", Origin.Autoload))).Layer);
        Assert.Equal(Verdict.Deny, policy.Decide(Unknown(Request.Load("dummy", Origin.Explicit))).Verdict);
        Assert.Equal(Verdict.Deny, policy.Decide(Unknown(Request.Load("tun", Origin.Autoload))).Verdict);
    }

    [Fact]
    public void An_unknown_requester_holds_no_capability_for_the_privileged_modes()
    {
        var policy = PolicyText.Compile("autoload privileged\n");
        var request = Unknown(Request.Autoload("net-pf-5", ["appletalk"], uid: 0, capabilities: CapabilitySet.All));
        Assert.Equal(DecisionLayer.GlobalMode, policy.Decide(request).Layer);
        Assert.Equal(DecisionLayer.ProcessMode,
            PolicyText.Compile("").Decide(Unknown(Request.Load("dummy", Origin.Autoload, capabilities: CapabilitySet.All, processMode: Mode.Privileged))).Layer);
    }

    [Fact]
    public void Grants_with_identity_keys_never_let_an_unknown_requester_through()
    {
        var policy = PolicyText.Compile("autoload privileged\ngrant fs-* uid=0-4294967294\ngrant net-pf-* cgroup=*\ngrant tty-ldisc-*\n");
        Assert.Equal(Verdict.Deny, policy.Decide(Unknown(Request.Autoload("fs-hfs", ["hfs"]))).Verdict);
        Assert.Equal(Verdict.Deny, policy.Decide(Unknown(Request.Autoload("net-pf-5", ["appletalk"]))).Verdict);
        // the built-in netdev-* cap=CAP_NET_ADMIN grant is keyed on a capability too
        Assert.Equal(Verdict.Deny, policy.Decide(Unknown(Request.Autoload("netdev-eth0", [], capabilities: CapabilitySet.All))).Verdict);
        var granted = policy.Decide(Unknown(Request.Autoload("tty-ldisc-13", ["n_hdlc"])));
        Assert.Equal((Verdict.Allow, new SourcePosition("p.conf", 4, 1)), (granted.Verdict, granted.Grant?.Source));
    }

    [Fact]
    public void Complain_mode_softens_an_identity_keyed_deny_of_an_unknown_requester()
    {
        var policy = PolicyText.Compile("deny module=n_hdlc uid=1000\nenforcement complain\n");
        var decision = policy.Decide(Unknown(Request.Autoload("tty-ldisc-13", ["n_hdlc"])));
        Assert.Equal((Verdict.Allow, true), (decision.Verdict, decision.WouldDeny));
    }
}
