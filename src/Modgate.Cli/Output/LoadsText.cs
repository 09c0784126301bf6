using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Cli.Output;

/// <summary>The loads an allowed autoload makes, as `simulate` prints them after the decision.</summary>
internal static class LoadsText
{
    public static string RoleWord(ProbeRole role) => role switch
    {
        ProbeRole.Requested => "requested",
        ProbeRole.Dependency => "dependency",
        ProbeRole.PreSoftdep => "pre-softdep",
        _ => "post-softdep",
    };

    public static string ResultWord(ProbeResult result) => result switch
    {
        ProbeResult.Loaded => "loaded",
        ProbeResult.Denied => "denied",
        ProbeResult.DeniedIgnored => "denied-ignored",
        ProbeResult.AlreadyLoaded => "already-loaded",
        ProbeResult.Builtin => "builtin",
        ProbeResult.InstallCommand => "install-command",
        ProbeResult.InstallFails => "install-fails",
        ProbeResult.Missing => "missing",
        _ => "not-reached",
    };

    /// <param name="outcomes">Null when there was no module tree to say what modprobe loads.</param>
    public static void Write(TextWriter output, IReadOnlyList<ModuleOutcome>? outcomes, CompiledPolicy policy)
    {
        if (outcomes is null)
        {
            output.WriteLine("  loads:   not shown: no module tree to read dependencies and softdeps from (pass --kernel-tree DIR)");
            return;
        }
        foreach (var outcome in outcomes)
        {
            foreach (var load in outcome.Loads)
                output.WriteLine($"  load:    {load.Step.Module}{Role(load.Step)}: {What(load, policy)}");
            output.WriteLine($"  outcome: {Outcome(outcome, policy)}");
        }
    }

    private static string Role(ProbeStep step) => step.Role switch
    {
        ProbeRole.Requested => "",
        ProbeRole.Dependency => $" (dependency of {step.Of})",
        ProbeRole.PreSoftdep => $" (softdep of {step.Of}, pre, {step.Softdep})",
        _ => $" (softdep of {step.Of}, post, {step.Softdep})",
    };

    private static string What(JudgedLoad load, CompiledPolicy policy) => load.Result switch
    {
        ProbeResult.Loaded or ProbeResult.Denied => Decided(load, policy),
        ProbeResult.DeniedIgnored => Decided(load, policy) + " (a softdep: modprobe goes on without it)",
        ProbeResult.AlreadyLoaded => "loaded earlier by this modprobe",
        ProbeResult.Builtin => "built into the kernel: nothing to load",
        ProbeResult.InstallCommand => $"modprobe runs '{load.Step.Install!.Command}' ({load.Step.Install.Source}) instead; what it loads is judged then, as this requester",
        ProbeResult.InstallFails => $"modprobe runs '{load.Step.Install!.Command}' ({load.Step.Install.Source}), which fails",
        ProbeResult.Missing => "not in the module tree",
        _ => "not reached",
    };

    private static string Decided(JudgedLoad load, CompiledPolicy policy) =>
        $"{load.Decision!.DecisionWord}, {DecisionText.Reason(LoadRequest(load.Step), load.Decision, policy)}";

    /// <summary>What the reason text needs of the load: its verb, and no per-process mode.</summary>
    private static Request LoadRequest(ProbeStep step) => Request.Load(step.Module, Origin.Autoload);

    private static string Outcome(ModuleOutcome outcome, CompiledPolicy policy)
    {
        var module = outcome.Probe.Module;
        if (outcome.Probe.Blacklisted is { } blacklist)
            return $"{module} is not loaded: blacklisted at {blacklist.Source} (modprobe skips a blacklisted module reached through an alias)";
        if (outcome.StoppedAt is { } stop)
        {
            var at = stop.Step.Module == module ? module : $"{stop.Step.Module}, a dependency";
            var why = stop.Result switch
            {
                ProbeResult.Denied => $"{stop.Decision!.DecisionWord}: {DecisionText.Reason(LoadRequest(stop.Step), stop.Decision, policy)}",
                ProbeResult.InstallFails => "its install command fails",
                _ => "not in the module tree",
            };
            return $"{module} is not loaded: modprobe stops at {at} ({why}) and fails";
        }
        return outcome.Loaded ? $"{module} is loaded" : $"{module} is not loaded";
    }
}
