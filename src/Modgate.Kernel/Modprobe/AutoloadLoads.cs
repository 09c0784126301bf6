using Modgate.Policy;

namespace Modgate.Kernel;

/// <summary>
/// Judges every load an autoload request causes (SPEC.md §2 "Who asked"): the modprobe the kernel starts loads each
/// module of its probe list (<see cref="ProbeList"/>) as verb load with origin=autoload and the requester's uid,
/// capabilities and cgroup — an unknown requester stays unknown — without a per-process mode (the helper has none).
/// modprobe stops at the first requested module or dependency that is refused and ignores a refused softdep.
/// </summary>
public static class AutoloadLoads
{
    /// <summary>The load request the kernel judges when the autoload helper of <paramref name="autoload"/> loads MODULE.</summary>
    public static Request LoadFor(Request autoload, string module) =>
        Request.Load(module, Origin.Autoload, autoload.Uid, autoload.Capabilities, autoload.Cgroup, Mode.Classic)
            with { UnknownRequester = autoload.UnknownRequester };

    public static IReadOnlyList<ModuleOutcome> Judge(CompiledPolicy policy, Request autoload, IReadOnlyList<ModuleProbe> probes)
    {
        // Modules stay loaded across the modules of one request: modprobe skips what is in the kernel already.
        var inKernel = new HashSet<string>(StringComparer.Ordinal);
        var outcomes = new List<ModuleOutcome>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var probe in probes)
        {
            // A name the request resolved to twice is the same module: the second pass decides nothing new.
            if (!seen.Add(probe.Module)) continue;
            if (probe.Blacklisted is not null)
            {
                outcomes.Add(new ModuleOutcome(probe, [], false, null));
                continue;
            }
            var loads = new List<JudgedLoad>();
            JudgedLoad? stopped = null;
            foreach (var step in probe.Steps)
            {
                var judged = stopped is not null ? new JudgedLoad(step, ProbeResult.NotReached, null) : Judge(policy, autoload, step, inKernel);
                loads.Add(judged);
                if (stopped is null && step.Required && judged.Result is ProbeResult.Denied or ProbeResult.InstallFails or ProbeResult.Missing)
                    stopped = judged;
            }
            var own = loads.LastOrDefault(l => l.Step.Role == ProbeRole.Requested);
            var loaded = stopped is null && own?.Result is ProbeResult.Loaded or ProbeResult.AlreadyLoaded or ProbeResult.Builtin or ProbeResult.InstallCommand;
            outcomes.Add(new ModuleOutcome(probe, loads, loaded, stopped));
        }
        return outcomes;
    }

    private static JudgedLoad Judge(CompiledPolicy policy, Request autoload, ProbeStep step, HashSet<string> inKernel)
    {
        if (inKernel.Contains(step.Module)) return new JudgedLoad(step, ProbeResult.AlreadyLoaded, null);
        switch (step.Action)
        {
            case ProbeAction.Builtin:
                return new JudgedLoad(step, ProbeResult.Builtin, null);
            case ProbeAction.Missing:
                return new JudgedLoad(step, ProbeResult.Missing, null);
            case ProbeAction.Install:
                if (FailsAlways(step.Install!)) return new JudgedLoad(step, ProbeResult.InstallFails, null);
                // Assumed to succeed; the command's own loads carry the same identity and are judged when they happen.
                inKernel.Add(step.Module);
                return new JudgedLoad(step, ProbeResult.InstallCommand, null);
        }
        var decision = policy.Decide(LoadFor(autoload, step.Module));
        if (decision.Verdict == Verdict.Deny)
            return new JudgedLoad(step, step.Required ? ProbeResult.Denied : ProbeResult.DeniedIgnored, decision);
        inKernel.Add(step.Module);
        return new JudgedLoad(step, ProbeResult.Loaded, decision);
    }

    /// <summary>The usual way to forbid a module in modprobe.d: a command that exits non-zero.</summary>
    private static bool FailsAlways(ConfigCommand install) => install.Command.Trim() is "/bin/false" or "/usr/bin/false" or "false";
}
