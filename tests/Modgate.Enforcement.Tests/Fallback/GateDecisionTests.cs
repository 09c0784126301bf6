using Modgate.Enforcement.Fallback;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Enforcement.Tests.Fallback;

public class GateDecisionTests
{
    private static CompiledPolicy Compile(string text) => PolicyText.Compile(text, "/p.conf");

    [Fact]
    public void Name_rules_and_default_hold_without_the_callers_identity()
    {
        var policy = Compile("version 1\nautoload privileged\nallow request=net-pf-5\ndeny module=n_hdlc\ndefault deny\n");

        Assert.Equal(new GateVerdict(true, false, new SourcePosition("/p.conf", 3, 1), "allowed by rule"), GateDecision.Decide(policy, "net-pf-5", ["appletalk"]));
        Assert.Equal(new GateVerdict(false, false, new SourcePosition("/p.conf", 4, 1), "denied by rule"), GateDecision.Decide(policy, "tty-ldisc-13", ["n_hdlc"]));
        Assert.Equal(new GateVerdict(false, false, new SourcePosition("/p.conf", 5, 1), "default deny"), GateDecision.Decide(policy, "net-pf-21", []));
    }

    [Fact]
    public void The_request_is_an_unknown_requesters_identity_keyed_denies_refuse_it_identity_keyed_allows_never_let_it_through()
    {
        // Before, both rules were skipped (default allow). As an unknown requester (SPEC.md §2), the deny holds for everyone.
        var policy = Compile("version 1\nautoload privileged\nallow module=tun cap=CAP_NET_ADMIN\ndeny module=tun uid=1000\n");
        Assert.Equal(new GateVerdict(false, false, new SourcePosition("/p.conf", 4, 1), "denied by rule"), GateDecision.Decide(policy, "char-major-10-200", ["tun"]));
        Assert.Equal("default deny", GateDecision.Decide(Compile("version 1\nallow module=tun cgroup=/*\ndefault deny\n"), "char-major-10-200", ["tun"]).Why);
    }

    [Fact]
    public void Privileged_is_not_judged_and_off_denies_everyone()
    {
        Assert.Equal("default allow", GateDecision.Decide(Compile("version 1\nautoload privileged\n"), "net-pf-5", ["appletalk"]).Why);
        var off = GateDecision.Decide(Compile("version 1\nautoload off\nallow module=tun\n"), "char-major-10-200", ["tun"]);
        Assert.Equal((false, "autoload off", 2), (off.Allowed, off.Why, off.Source!.Value.Line));
    }

    [Fact]
    public void Complain_mode_allows_and_says_it_would_have_denied()
    {
        var verdict = GateDecision.Decide(Compile("version 1\ndeny module=n_hdlc\nenforcement complain\n"), "tty-ldisc-13", ["n_hdlc"]);
        Assert.Equal((true, true, "denied by rule (complain mode: allowed)"), (verdict.Allowed, verdict.WouldDeny, verdict.Why));
    }

    private static readonly ProbeStep Llc = new("llc", ProbeAction.Insert, ProbeRole.Dependency, true, "appletalk", null, null);
    private static readonly ProbeStep Psnap = new("psnap", ProbeAction.Insert, ProbeRole.Dependency, true, "appletalk", null, null);
    private static readonly ProbeStep Appletalk = new("appletalk", ProbeAction.Insert, ProbeRole.Requested, true, null, null, null);
    private static readonly ProbeStep Crc = new("crc32c_generic", ProbeAction.Insert, ProbeRole.PostSoftdep, false, "appletalk",
        new SourceLine("/etc/modprobe.d/x.conf", 1), null);
    private static readonly ModuleProbe[] AppletalkProbe = [new("appletalk", [Llc, Psnap, Appletalk, Crc], null)];

    private static IReadOnlyList<GateVerdict> WithLoads(string policy) =>
        GateDecision.DecideWithLoads(Compile(policy), "net-pf-5", ["appletalk"], AppletalkProbe);

    [Fact]
    public void Every_load_of_the_request_is_judged_as_an_unknown_requesters_autoload_load()
    {
        var verdicts = WithLoads("version 1\ndeny module=psnap uid=1000-60000\n");
        Assert.Equal([null, Llc, Psnap, Appletalk, Crc], verdicts.Select(v => v.Load));
        Assert.Equal([true, true, false, true, true], verdicts.Select(v => v.Allowed));
        Assert.Equal(new GateVerdict(false, false, new SourcePosition("/p.conf", 2, 1), "denied by rule") { Load = Psnap }, verdicts[2]);

        Assert.True(WithLoads("version 1\ndeny module=psnap origin=explicit\n").All(v => v.Allowed));
        Assert.False(WithLoads("version 1\ndeny module=psnap origin=autoload\n")[2].Allowed);
        Assert.True(WithLoads("version 1\nallow module=llc,psnap,crc32c_generic uid=0\nallow module=appletalk\ndefault deny\n")
            .Skip(1).Take(2).All(v => !v.Allowed && v.Why == "default deny"));
    }

    [Fact]
    public void A_refused_softdep_refuses_the_whole_request_and_load_off_refuses_every_load()
    {
        Assert.Equal([true, true, true, true, false], WithLoads("version 1\ndeny module=crc32c_generic\n").Select(v => v.Allowed));
        var off = WithLoads("version 1\nload off\n");
        Assert.Equal(("load off", 2), (off[1].Why, off[1].Source!.Value.Line));
        Assert.All(off.Skip(1), v => Assert.False(v.Allowed));
    }

    [Fact]
    public void A_refused_request_judges_no_load_and_builtins_installs_repeats_and_blacklisted_modules_are_not_judged()
    {
        Assert.Single(WithLoads("version 1\ndeny request=net-pf-5\n"));
        var install = new ProbeStep("psnap", ProbeAction.Install, ProbeRole.Dependency, true, "appletalk", null,
            new ConfigCommand("psnap", "/bin/true", new SourceLine("/etc/modprobe.d/x.conf", 2)));
        var builtin = Llc with { Action = ProbeAction.Builtin };
        ModuleProbe[] probes = [new("appletalk", [builtin, install, Appletalk, Appletalk], null), new("n_hdlc", [], new ConfigBlacklist("n_hdlc", default))];
        var verdicts = GateDecision.DecideWithLoads(Compile("version 1\ndeny module=llc,psnap\n"), "net-pf-5", ["appletalk", "n_hdlc"], probes);
        Assert.Equal([null, Appletalk], verdicts.Select(v => v.Load));
    }

    [Fact]
    public void Complain_mode_lets_every_load_through_and_notes_the_would_deny()
    {
        var verdicts = WithLoads("version 1\ndeny module=psnap\nenforcement complain\n");
        Assert.All(verdicts, v => Assert.True(v.Allowed));
        Assert.Equal((true, "denied by rule (complain mode: allowed)"), (verdicts[2].WouldDeny, verdicts[2].Why));
    }

    [Fact]
    public void The_kernel_log_names_the_refused_module_why_modprobe_would_load_it_and_the_rule()
    {
        string[] applied = ["version 1", "deny module=psnap uid=1000-60000    # /etc/modgate/policy.d/10-net.conf:7"];
        var refused = GateLog.Lines("net-pf-5", ["appletalk"], WithLoads("version 1\ndeny module=psnap uid=1000-60000\n"), applied);
        Assert.Equal(["modprobe-gate: deny autoload request=net-pf-5 module=psnap (dependency of appletalk: load denied by rule /etc/modgate/policy.d/10-net.conf:7)"],
            refused);
        var request = GateDecision.Decide(Compile("version 1\nautoload privileged\ndeny module=n_hdlc\n"), "tty-ldisc-13", ["n_hdlc"]);
        Assert.Equal(["modprobe-gate: deny autoload request=tty-ldisc-13 module=n_hdlc (denied by rule /p.conf:3)"],
            GateLog.Lines("tty-ldisc-13", ["n_hdlc"], [request], ["version 1", "autoload privileged", "deny module=n_hdlc"]));
        Assert.Empty(GateLog.Lines("net-pf-5", ["appletalk"], WithLoads("version 1\n"), []));
        var complain = GateLog.Lines("net-pf-5", ["appletalk"], WithLoads("version 1\ndeny module=psnap,crc32c_generic\nenforcement complain\n"), []);
        Assert.Equal(["modprobe-gate: would-deny autoload request=net-pf-5 module=psnap (dependency of appletalk: load denied by rule (complain mode: allowed) /p.conf:2)",
                      "modprobe-gate: would-deny autoload request=net-pf-5 module=crc32c_generic (softdep of appletalk: load denied by rule (complain mode: allowed) /p.conf:2)"],
            complain);
    }
}
