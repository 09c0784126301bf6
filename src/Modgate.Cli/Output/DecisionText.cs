using Modgate.Policy;

namespace Modgate.Cli.Output;

/// <summary>The human form of a decision, as `simulate` prints it.</summary>
internal static class DecisionText
{
    /// <summary>"file:line" of the grant that let the caller through, "built-in" for the netdev grant, null for none.</summary>
    public static string? GrantWord(CompiledGrant? grant) => grant is null ? null : grant.Source?.FileAndLine ?? "built-in";

    public static void Write(TextWriter output, OutputStyle style, Request request, Decision decision, CompiledPolicy policy, string? resolutionProblem,
        bool quiet)
    {
        output.WriteLine(style.With(decision.Verdict == Verdict.Deny ? Hue.Bad : decision.WouldDeny ? Hue.Caution : Hue.Good, decision.DecisionWord));
        if (quiet) return;
        var what = request.Verb == Verb.Autoload
            ? $"autoload {request.RequestString} -> {(request.Modules.Count == 0 ? "(no module)" : string.Join(", ", request.Modules))}"
            : $"{PolicyWords.Of(request.Verb)} {request.Modules[0]}{(request.Verb == Verb.Load ? $" (origin {PolicyWords.Of(request.Origin)})" : "")}";
        output.WriteLine($"  request: {what}");
        if (resolutionProblem is not null) output.WriteLine($"  note:    {resolutionProblem}");
        output.WriteLine(request.UnknownRequester
            ? $"  caller:  unknown requester (no capabilities; uid=, cap=, cgroup= rules match only when they deny), process mode {PolicyWords.Of(request.ProcessMode)}"
            : $"  caller:  uid {request.Uid}, capabilities {request.Capabilities}, cgroup {request.Cgroup}, process mode {PolicyWords.Of(request.ProcessMode)}");
        if (decision.Grant is { } grant)
            output.WriteLine($"  granted: {(grant.Source is { } at ? $"by the grant at {at.FileAndLine}" : "by the built-in grant netdev-* cap=CAP_NET_ADMIN")} (autoload privileged)");
        output.WriteLine($"  decided: {Reason(request, decision, policy)}");
        foreach (var audit in decision.Audits) output.WriteLine($"  audited: by the audit rule at {audit.FileAndLine}");
    }

    /// <summary>Which layer decided and where, in words.</summary>
    public static string Reason(Request request, Decision decision, CompiledPolicy policy) => decision.Layer switch
    {
        DecisionLayer.ProcessMode => $"the caller's per-process mode '{PolicyWords.Of(request.ProcessMode)}' (modgate exec)",
        DecisionLayer.GlobalMode => $"global mode '{PolicyWords.Of(request.Verb)} {PolicyWords.Of(policy.ModeOf(request.Verb))}'" +
                                    $"{At(decision.Source)}{(policy.ModeOf(request.Verb) == Mode.Privileged ? ": needs CAP_SYS_MODULE or a matching grant" : "")}",
        DecisionLayer.Rule => $"rule{At(decision.Source)}",
        _ => decision.Source is null
            ? "no rule matched; the built-in default is allow"
            : $"no rule matched; 'default {PolicyWords.Of(policy.Default)}'{At(decision.Source)}",
    };

    private static string At(SourcePosition? source) => source is { } s ? $" at {s.FileAndLine}" : "";
}
