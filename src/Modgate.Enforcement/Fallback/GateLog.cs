using Modgate.Enforcement.Audit;
using Modgate.Kernel;

namespace Modgate.Enforcement.Fallback;

/// <summary>
/// The kernel-log lines of the modprobe gate for one request: the refusal (the first verdict that refused: the request
/// stops there), or in complain mode each verdict that would have refused; nothing for a request it simply lets through.
/// </summary>
public static class GateLog
{
    /// <param name="policyLines">The applied policy copy, whose comments map its lines back to the files they came from.</param>
    public static IEnumerable<string> Lines(string request, IReadOnlyList<string> modules, IReadOnlyList<GateVerdict> verdicts,
        string[] policyLines)
    {
        var refused = verdicts.FirstOrDefault(v => !v.Allowed);
        var logged = refused is not null ? [refused] : verdicts.Where(v => v.WouldDeny);
        return logged.Select(v => Line(request, modules, v, policyLines));
    }

    /// <summary>
    /// `deny autoload request=R module=M (WHY FILE:LINE)`; for a load its modprobe would make, M is the module refused and
    /// WHY says why modprobe would load it: `module=psnap (dependency of appletalk: load denied by rule FILE:LINE)`.
    /// </summary>
    private static string Line(string request, IReadOnlyList<string> modules, GateVerdict verdict, string[] policyLines)
    {
        var at = verdict.Source is { } s ? " " + AppliedRuleSources.OriginOf(policyLines, s) : "";
        var module = verdict.Load?.Module ?? (modules.Count > 0 ? modules[0] : null);
        var role = verdict.Load switch
        {
            null => "",
            { Role: ProbeRole.Dependency } l => $"dependency of {l.Of}: load ",
            { Role: ProbeRole.PreSoftdep or ProbeRole.PostSoftdep } l => $"softdep of {l.Of}: load ",
            _ => "load ",
        };
        return $"modprobe-gate: {(verdict.WouldDeny ? "would-deny" : "deny")} autoload request={request}" +
               (module is not null ? $" module={module}" : "") + $" ({role}{verdict.Why}{at})";
    }
}
