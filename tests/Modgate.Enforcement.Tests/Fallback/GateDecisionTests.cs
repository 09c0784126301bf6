using Modgate.Enforcement.Fallback;
using Modgate.Policy;

namespace Modgate.Enforcement.Tests.Fallback;

public class GateDecisionTests
{
    private static CompiledPolicy Compile(string text) => PolicyCompiler.Compile(PolicyLoader.LoadText("/p.conf", text).Document!);

    [Fact]
    public void Name_rules_and_default_hold_without_the_callers_identity()
    {
        var policy = Compile("version 1\nautoload privileged\nallow request=net-pf-5\ndeny module=n_hdlc\ndefault deny\n");

        Assert.Equal(new GateVerdict(true, false, new SourcePosition("/p.conf", 3, 1), "allowed by rule"), GateDecision.Decide(policy, "net-pf-5", ["appletalk"]));
        Assert.Equal(new GateVerdict(false, false, new SourcePosition("/p.conf", 4, 1), "denied by rule"), GateDecision.Decide(policy, "tty-ldisc-13", ["n_hdlc"]));
        Assert.Equal(new GateVerdict(false, false, new SourcePosition("/p.conf", 5, 1), "default deny"), GateDecision.Decide(policy, "net-pf-21", []));
    }

    [Fact]
    public void Identity_keyed_rules_are_skipped_privileged_is_not_judged_and_off_denies_everyone()
    {
        var policy = Compile("version 1\nautoload privileged\nallow module=tun cap=CAP_NET_ADMIN\ndeny module=tun uid=1000\n");
        Assert.Equal("default allow", GateDecision.Decide(policy, "char-major-10-200", ["tun"]).Why);

        var off = GateDecision.Decide(Compile("version 1\nautoload off\nallow module=tun\n"), "char-major-10-200", ["tun"]);
        Assert.Equal((false, "autoload off", 2), (off.Allowed, off.Why, off.Source!.Value.Line));
    }

    [Fact]
    public void Complain_mode_allows_and_says_it_would_have_denied()
    {
        var verdict = GateDecision.Decide(Compile("version 1\ndeny module=n_hdlc\nenforcement complain\n"), "tty-ldisc-13", ["n_hdlc"]);
        Assert.Equal((true, true, "denied by rule (complain mode: allowed)"), (verdict.Allowed, verdict.WouldDeny, verdict.Why));
    }
}
