namespace Modgate.Enforcement.Fallback;

/// <summary>The words `apply` and `status` use for what the fallback backends enforce.</summary>
public static class FallbackReport
{
    public static IEnumerable<string> Enforced(FallbackPlan plan) =>
        Enforced(plan.Gate, plan.ModprobeDenied.Count, plan.LdiscAutoloadOff, plan.ModulesDisabled);

    public static IEnumerable<string> Enforced(FallbackState state) =>
        Enforced(state.Gate, state.ModprobeDenied, state.LdiscAutoloadOff, state.ModulesDisabled);

    private static IEnumerable<string> Enforced(bool gate, int denied, bool ldiscOff, bool modulesDisabled)
    {
        if (gate) yield return "modprobe gate: kernel.modprobe runs `modgate modprobe-gate`, which judges every autoload, and each module its modprobe " +
                               "would load, by module and request rules, `autoload off`, `load off` and `default`, as an unknown requester " +
                               "(deny rules with uid=, cap=, cgroup= refuse everyone)";
        if (denied > 0) yield return $"{ModprobeDenyFile.DefaultPath}: {denied} module(s) refused to modprobe (autoload and explicit modprobe; not insmod)";
        if (ldiscOff) yield return "dev.tty.ldisc_autoload=0: only CAP_SYS_MODULE may autoload a line discipline";
        if (modulesDisabled) yield return "kernel.modules_disabled=1 (load off + lock): no module loads until reboot";
    }
}
