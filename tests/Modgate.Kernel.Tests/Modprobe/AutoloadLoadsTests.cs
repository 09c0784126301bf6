using Modgate.Policy;

namespace Modgate.Kernel.Tests;

/// <summary>
/// The loads an autoload causes, judged as the kernel judges them (SPEC.md §2 "Who asked"): verb load, origin=autoload,
/// the requester's identity, no per-process mode; modprobe stops at a refused requested module or dependency and
/// goes on past a refused softdep.
/// </summary>
public class AutoloadLoadsTests
{
    private static readonly SourceLine Softdeps = new("/etc/modprobe.d/x.conf", 1);

    // appletalk as modprobe loads it on Debian 6.1, with a softdep of each kind added
    private static readonly ModuleProbe Appletalk = new("appletalk",
    [
        new ProbeStep("n_hdlc", ProbeAction.Insert, ProbeRole.PreSoftdep, false, "appletalk", Softdeps, null),
        new ProbeStep("llc", ProbeAction.Insert, ProbeRole.Dependency, true, "appletalk", null, null),
        new ProbeStep("psnap", ProbeAction.Insert, ProbeRole.Dependency, true, "appletalk", null, null),
        new ProbeStep("appletalk", ProbeAction.Insert, ProbeRole.Requested, true, null, null, null),
        new ProbeStep("dummy", ProbeAction.Insert, ProbeRole.PostSoftdep, false, "appletalk", Softdeps, null),
    ], null);


    private static ModuleOutcome Judge(string policy, Request autoload, ModuleProbe? probe = null) =>
        AutoloadLoads.Judge(PolicyText.Compile(policy), autoload, [probe ?? Appletalk]).Single();

    private static Request AskedBy(uint uid, CapabilitySet caps = default) => Request.Autoload("net-pf-5", ["appletalk"], uid, caps, "/user.slice");

    private static ProbeResult[] Results(ModuleOutcome o) => [.. o.Loads.Select(l => l.Result)];

    [Fact]
    public void A_refused_dependency_stops_modprobe_and_the_module_is_not_loaded()
    {
        var outcome = Judge("deny module=psnap\n", AskedBy(0, CapabilitySet.All));
        Assert.Equal([ProbeResult.Loaded, ProbeResult.Loaded, ProbeResult.Denied, ProbeResult.NotReached, ProbeResult.NotReached], Results(outcome));
        Assert.False(outcome.Loaded);
        Assert.Equal(("psnap", 1), (outcome.StoppedAt!.Step.Module, outcome.StoppedAt.Decision!.Source!.Value.Line));
    }

    [Fact]
    public void A_refused_softdep_is_ignored_by_modprobe()
    {
        var outcome = Judge("deny module=n_hdlc,dummy\n", AskedBy(0));
        Assert.Equal([ProbeResult.DeniedIgnored, ProbeResult.Loaded, ProbeResult.Loaded, ProbeResult.Loaded, ProbeResult.DeniedIgnored], Results(outcome));
        Assert.True(outcome.Loaded);
        Assert.Null(outcome.StoppedAt);
    }

    [Fact]
    public void Loads_are_judged_with_the_requesters_identity_not_as_root()
    {
        const string policy = "deny module=llc uid=1000-60000\nallow module=psnap cgroup=/user.slice\ndeny module=psnap\n";
        Assert.Equal(ProbeResult.Denied, Judge(policy, AskedBy(1000)).Loads[1].Result);
        var root = Judge(policy, AskedBy(0) with { Cgroup = "/system.slice" });
        Assert.Equal((ProbeResult.Loaded, ProbeResult.Denied), (root.Loads[1].Result, root.Loads[2].Result));
        Assert.True(Judge(policy, AskedBy(0)).Loaded);
    }

    [Fact]
    public void An_unknown_requesters_loads_fail_closed_on_identity_keys()
    {
        var unknown = AskedBy(0, CapabilitySet.All) with { UnknownRequester = true };
        Assert.Equal(ProbeResult.Denied, Judge("deny module=llc uid=1000\n", unknown).Loads[1].Result);
        Assert.False(Judge("allow module=llc,psnap,appletalk cap=CAP_SYS_MODULE\ndefault deny\n", unknown).Loaded);
        Assert.True(AutoloadLoads.LoadFor(unknown, "llc").UnknownRequester);
    }

    [Fact]
    public void Loads_carry_origin_autoload_and_no_per_process_mode()
    {
        var load = AutoloadLoads.LoadFor(AskedBy(1000, CapabilitySet.All) with { ProcessMode = Mode.Off }, "n-hdlc");
        Assert.Equal((Verb.Load, Origin.Autoload, Mode.Classic, 1000u, "/user.slice", "n_hdlc"),
            (load.Verb, load.Origin, load.ProcessMode, load.Uid, load.Cgroup, load.Modules.Single()));
        Assert.True(Judge("deny origin=explicit module=*\n", AskedBy(1000)).Loaded);
        Assert.False(Judge("deny origin=autoload module=appletalk\n", AskedBy(1000)).Loaded);
    }

    [Fact]
    public void Load_off_refuses_what_an_autoload_would_load_and_complain_mode_lets_it_through()
    {
        var off = Judge("load off\n", AskedBy(0, CapabilitySet.All));
        Assert.Equal(DecisionLayer.GlobalMode, off.StoppedAt!.Decision!.Layer);
        var complain = Judge("deny module=psnap\nenforcement complain\n", AskedBy(1000));
        Assert.True(complain.Loaded);
        Assert.True(complain.Loads[2].Decision!.WouldDeny);
    }

    [Fact]
    public void Builtin_modules_install_commands_and_repeats_are_not_judged()
    {
        var install = new ConfigCommand("psnap", "/bin/echo psnap", Softdeps);
        var probe = new ModuleProbe("appletalk",
        [
            new ProbeStep("llc", ProbeAction.Builtin, ProbeRole.Dependency, true, "appletalk", null, null),
            new ProbeStep("psnap", ProbeAction.Install, ProbeRole.Dependency, true, "appletalk", null, install),
            new ProbeStep("psnap", ProbeAction.Install, ProbeRole.Dependency, true, "appletalk", null, install),
            new ProbeStep("appletalk", ProbeAction.Insert, ProbeRole.Requested, true, null, null, null),
        ], null);
        var outcome = Judge("deny module=llc,psnap\n", AskedBy(0), probe);
        Assert.Equal([ProbeResult.Builtin, ProbeResult.InstallCommand, ProbeResult.AlreadyLoaded, ProbeResult.Loaded], Results(outcome));
        Assert.All(outcome.Loads.Take(3), l => Assert.Null(l.Decision));
    }

    [Fact]
    public void A_failing_install_command_or_a_missing_module_stops_modprobe_when_required()
    {
        var fails = new ModuleProbe("psnap", [new ProbeStep("psnap", ProbeAction.Install, ProbeRole.Requested, true, null, null,
            new ConfigCommand("psnap", "/bin/false", Softdeps))], null);
        Assert.Equal(ProbeResult.InstallFails, Judge("", AskedBy(0), fails).StoppedAt!.Result);
        var missing = new ModuleProbe("nosuch", [new ProbeStep("nosuch", ProbeAction.Missing, ProbeRole.Requested, true, null, null, null)], null);
        Assert.False(Judge("", AskedBy(0), missing).Loaded);
    }

    [Fact]
    public void A_blacklisted_module_loads_nothing_and_modules_stay_loaded_across_the_request()
    {
        var blacklisted = new ModuleProbe("n_hdlc", [], new ConfigBlacklist("n_hdlc", Softdeps));
        var outcomes = AutoloadLoads.Judge(PolicyText.Compile(""), AskedBy(0), [blacklisted, Appletalk, Appletalk]);
        Assert.Equal(2, outcomes.Count);
        Assert.False(outcomes[0].Loaded);
        Assert.Empty(outcomes[0].Loads);
        var second = AutoloadLoads.Judge(PolicyText.Compile(""), AskedBy(0), [Appletalk, new ModuleProbe("psnap",
            [new ProbeStep("llc", ProbeAction.Insert, ProbeRole.Dependency, true, "psnap", null, null),
             new ProbeStep("psnap", ProbeAction.Insert, ProbeRole.Requested, true, null, null, null)], null)])[1];
        Assert.Equal([ProbeResult.AlreadyLoaded, ProbeResult.AlreadyLoaded], Results(second));
        Assert.True(second.Loaded);
    }
}
