using Modgate.Policy;

namespace Modgate.Enforcement.Fallback;

/// <summary>
/// What the fallback backends can do for a policy on a kernel without BPF LSM (SPEC.md §5), and what stays
/// unenforced. Pure: computed from the compiled policy and the module tree's names, written by <see cref="FallbackBackend"/>.
/// </summary>
public sealed record FallbackPlan(
    bool Gate,
    IReadOnlyList<(string Module, SourcePosition Source)> ModprobeDenied,
    bool LdiscAutoloadOff,
    bool ModulesDisabled,
    IReadOnlyList<string> NotEnforced)
{
    /// <summary>Line disciplines the kernel can request (tty-ldisc-N, N &lt; NR_LDISCS = 31).</summary>
    private const int LineDisciplines = 31;

    public static FallbackPlan For(CompiledPolicy policy, IEnumerable<string> treeModules)
    {
        var notEnforced = new List<string>();
        var enforce = policy.Enforcement == EnforcementMode.Enforce;
        // `load off` refuses what an autoload's modprobe loads, as in the kernel backend: the gate refuses the autoload.
        var gate = policy.AutoloadMode == Mode.Off || policy.LoadMode == Mode.Off || policy.Default == Verdict.Deny ||
                   policy.Rules.Any(GateDecision.CanDecideAtTheGate);
        var identityKeyed = policy.Rules.Count(r => !r.Unload && r.HasIdentityKeys);
        if (identityKeyed > 0)
            notEnforced.Add($"{identityKeyed} rule(s) with uid=, cap= or cgroup= keys: the modprobe gate cannot see who asked and judges " +
                            "an unknown requester: such deny rules refuse every caller's autoloads, such allow rules never match");
        if (policy.AutoloadMode == Mode.Privileged)
            notEnforced.Add("autoload privileged: the modprobe gate cannot see who asked; only dev.tty.ldisc_autoload covers unprivileged callers, for line disciplines");
        if (policy.LoadMode != Mode.Classic || policy.Rules.Any(r => !r.Unload && r.Requests is null && r.Origin != Origin.Autoload))
            notEnforced.Add("explicit loads (insmod, init_module, finit_module) are not judged: only modprobe reads the generated modprobe.d lines");
        if (policy.UnloadMode != Mode.Classic || policy.Rules.Any(r => r.Unload))
            notEnforced.Add("unload rules and modes are not enforced (no delete_module hook without BPF LSM)");
        notEnforced.Add("per-process modes (modgate exec, restrict) are unavailable");

        var ldiscOff = enforce && Enumerable.Range(0, LineDisciplines).All(n =>
            policy.Decide(Request.Autoload($"tty-ldisc-{n}", [], uid: 65534)).Verdict == Verdict.Deny);
        var modulesDisabled = policy.Locked && policy.LoadMode == Mode.Off && enforce;
        var denied = enforce ? ModprobeDenyFile.DeniedModules(policy, treeModules) : [];
        return new FallbackPlan(gate, denied, ldiscOff, modulesDisabled, notEnforced);
    }
}
