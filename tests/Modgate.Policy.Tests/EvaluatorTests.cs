namespace Modgate.Policy.Tests;

/// <summary>The decision order of SPEC.md, layer by layer.</summary>
public class EvaluatorTests
{
    private static readonly CapabilitySet SysModule = CapabilitySet.Of(CapabilitySet.SysModule);
    private static readonly CapabilitySet NetAdmin = CapabilitySet.Of(CapabilitySet.NetAdmin);

    [Fact]
    public void Privileged_autoload_denies_uid_1000_and_names_the_mode_line()
    {
        var policy = PolicyText.Compile("version 1\nautoload privileged\n");
        var decision = policy.Decide(Request.Autoload("net-pf-5", ["appletalk"], uid: 1000));
        Assert.Equal(new Decision(Verdict.Deny, false, DecisionLayer.GlobalMode, new SourcePosition("p.conf", 2, 1), new([])), decision);
    }

    [Fact]
    public void Privileged_autoload_allows_cap_sys_module()
    {
        var policy = PolicyText.Compile("autoload privileged");
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Autoload("net-pf-5", ["appletalk"], capabilities: SysModule)).Verdict);
    }

    [Fact]
    public void Builtin_netdev_grant_lets_cap_net_admin_autoload_netdev_only()
    {
        var policy = PolicyText.Compile("autoload privileged");
        var granted = policy.Decide(Request.Autoload("netdev-eth0", [], uid: 1000, capabilities: NetAdmin));
        Assert.Equal((Verdict.Allow, PolicyCompiler.BuiltInNetdevGrant), (granted.Verdict, granted.Grant));
        Assert.Null(policy.Decide(Request.Autoload("netdev-eth0", [], capabilities: SysModule)).Grant);
        Assert.Equal(Verdict.Deny, policy.Decide(Request.Autoload("net-pf-5", ["appletalk"], uid: 1000, capabilities: NetAdmin)).Verdict);
        Assert.Equal(Verdict.Deny, policy.Decide(Request.Autoload("netdev-eth0", [], uid: 1000)).Verdict);
    }

    [Fact]
    public void Grant_keys_must_all_match()
    {
        var policy = PolicyText.Compile("autoload privileged\ngrant fs-* uid=1000 cgroup=/user.slice/*\n");
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Autoload("fs-hfs", ["hfs"], uid: 1000, cgroup: "/user.slice/u.scope")).Verdict);
        Assert.Equal(Verdict.Deny, policy.Decide(Request.Autoload("fs-hfs", ["hfs"], uid: 1001, cgroup: "/user.slice/u.scope")).Verdict);
        Assert.Equal(Verdict.Deny, policy.Decide(Request.Autoload("fs-hfs", ["hfs"], uid: 1000, cgroup: "/system.slice")).Verdict);
    }

    [Fact]
    public void Per_process_off_denies_even_root_before_any_other_layer()
    {
        var policy = PolicyText.Compile("allow module=*\n");
        var decision = policy.Decide(Request.Autoload("tty-ldisc-13", ["n_hdlc"], uid: 0, capabilities: CapabilitySet.All, processMode: Mode.Off));
        Assert.Equal(new Decision(Verdict.Deny, false, DecisionLayer.ProcessMode, null, new([])), decision);
    }

    [Fact]
    public void Per_process_privileged_needs_cap_sys_module()
    {
        var policy = PolicyText.Compile("");
        Assert.Equal(DecisionLayer.ProcessMode, policy.Decide(Request.Autoload("x", ["x"], uid: 0, processMode: Mode.Privileged)).Layer);
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Autoload("x", ["x"], capabilities: SysModule, processMode: Mode.Privileged)).Verdict);
    }

    [Fact]
    public void Global_off_denies_root()
    {
        var policy = PolicyText.Compile("autoload off\nload off\nunload off\n");
        Assert.Equal(new SourcePosition("p.conf", 1, 1), policy.Decide(Request.Autoload("x", ["x"], capabilities: CapabilitySet.All)).Source);
        Assert.Equal(new SourcePosition("p.conf", 2, 1), policy.Decide(Request.Load("x", capabilities: CapabilitySet.All)).Source);
        Assert.Equal(new SourcePosition("p.conf", 3, 1), policy.Decide(Request.Unload("x", capabilities: CapabilitySet.All)).Source);
    }

    [Fact]
    public void First_matching_rule_wins_and_audit_rules_pass_through()
    {
        var policy = PolicyText.Compile("audit module=*\naudit module=nf_*\ndeny module=nf_tables\nallow module=*\n");
        var decision = policy.Decide(Request.Load("nf-tables"));
        Assert.Equal(Verdict.Deny, decision.Verdict);
        Assert.Equal(DecisionLayer.Rule, decision.Layer);
        Assert.Equal(new SourcePosition("p.conf", 3, 1), decision.Source);
        Assert.Equal([new SourcePosition("p.conf", 1, 1), new SourcePosition("p.conf", 2, 1)], decision.Audits);
    }

    [Fact]
    public void Default_deny_applies_when_no_rule_matches()
    {
        var policy = PolicyText.Compile("allow module=ext4\ndefault deny\n");
        Assert.Equal(new Decision(Verdict.Deny, false, DecisionLayer.Default, new SourcePosition("p.conf", 2, 1), new([])),
            policy.Decide(Request.Load("vfat")));
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Load("ext4")).Verdict);
    }

    [Fact]
    public void Module_rules_match_autoload_through_the_resolved_modules()
    {
        var policy = PolicyText.Compile("deny module=appletalk\n");
        Assert.Equal(Verdict.Deny, policy.Decide(Request.Autoload("net-pf-5", ["appletalk"])).Verdict);
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Autoload("net-pf-5", [])).Verdict);
    }

    [Fact]
    public void Request_rules_match_only_autoload()
    {
        var policy = PolicyText.Compile("deny request=net-pf-*\n");
        Assert.Equal(Verdict.Deny, policy.Decide(Request.Autoload("net-pf-5", ["appletalk"])).Verdict);
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Load("appletalk")).Verdict);
    }

    [Fact]
    public void Request_patterns_and_grants_compare_dash_and_underscore_alike_as_modprobe_does()
    {
        var policy = PolicyText.Compile("autoload privileged\ngrant fs_* uid=1000\ndeny request=net_pf_5,tty-ldisc_1*\n");
        Assert.Equal(Verdict.Deny, policy.Decide(Request.Autoload("net-pf-5", [], capabilities: SysModule)).Verdict);
        Assert.Equal(Verdict.Deny, policy.Decide(Request.Autoload("tty_ldisc-13", [], capabilities: SysModule)).Verdict);
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Autoload("net-pf-6", [], capabilities: SysModule)).Verdict);
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Autoload("fs-hfs", ["hfs"], uid: 1000)).Verdict);
    }

    [Fact]
    public void Unload_rules_match_only_unload()
    {
        var policy = PolicyText.Compile("deny unload module=dm_crypt\n");
        Assert.Equal(Verdict.Deny, policy.Decide(Request.Unload("dm-crypt")).Verdict);
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Load("dm_crypt")).Verdict);
    }

    [Fact]
    public void Origin_uid_cap_and_cgroup_keys_all_must_match()
    {
        var policy = PolicyText.Compile("allow module=nf_* origin=explicit uid=0 cap=CAP_NET_ADMIN cgroup=/system.slice/*\ndefault deny\n");
        var ok = Request.Load("nf_nat", Origin.Explicit, 0, NetAdmin, "/system.slice/firewalld.service");
        Assert.Equal(Verdict.Allow, policy.Decide(ok).Verdict);
        Assert.Equal(Verdict.Deny, policy.Decide(ok with { Origin = Origin.Autoload }).Verdict);
        Assert.Equal(Verdict.Deny, policy.Decide(ok with { Uid = 5 }).Verdict);
        Assert.Equal(Verdict.Deny, policy.Decide(ok with { Capabilities = CapabilitySet.None }).Verdict);
        Assert.Equal(Verdict.Deny, policy.Decide(ok with { Cgroup = "/user.slice" }).Verdict);
    }

    [Fact]
    public void Complain_turns_policy_denies_into_would_deny_but_not_the_process_mode()
    {
        var policy = PolicyText.Compile("autoload privileged\ndeny module=x\nenforcement complain\n");
        var byMode = policy.Decide(Request.Autoload("net-pf-5", ["appletalk"], uid: 1000));
        Assert.Equal((Verdict.Allow, true, "would-deny"), (byMode.Verdict, byMode.WouldDeny, byMode.DecisionWord));
        var byRule = policy.Decide(Request.Load("x"));
        Assert.Equal((Verdict.Allow, true, DecisionLayer.Rule), (byRule.Verdict, byRule.WouldDeny, byRule.Layer));
        var byProcess = policy.Decide(Request.Load("y", processMode: Mode.Off));
        Assert.Equal((Verdict.Deny, false), (byProcess.Verdict, byProcess.WouldDeny));
    }

    [Fact]
    public void Dash_and_underscore_are_the_same_in_module_patterns_but_not_in_bracket_ranges()
    {
        var policy = PolicyText.Compile("deny module=can-[a-c]*\n");
        Assert.Equal(Verdict.Deny, policy.Decide(Request.Load("can_bcm")).Verdict);
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Load("can-raw")).Verdict);
    }

    [Fact]
    public void Indexed_lookup_agrees_with_a_linear_scan_on_mixed_patterns()
    {
        var policy = PolicyText.Compile(
            "deny module=ab*\nallow module=a?c\ndeny request=net-pf-1*\naudit module=*\nallow module=abc uid=5\ndeny module=[x-z]*\ndeny cap=CAP_BPF\n");
        string[] names = ["abc", "abd", "axc", "a", "ab", "zed", "net_pf_10", "q"];
        foreach (var name in names)
        foreach (var uid in new uint[] { 0, 5 })
        foreach (var caps in new[] { CapabilitySet.None, CapabilitySet.Of(39) })
        {
            var request = Request.Autoload("net-pf-1" + name.Length, [name], uid, caps);
            var expected = policy.Rules.FirstOrDefault(r => r.Action != RuleAction.Audit && r.Matches(request));
            var decision = policy.Decide(request);
            Assert.Equal(expected?.Source, decision.Layer == DecisionLayer.Rule ? decision.Source : null);
        }
    }
}
