using Modgate.Cli.Output;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Cli.Exposure;

/// <summary>The verdict column: open, or blocked by which layer and line; or why nothing loads anyway.</summary>
internal static class ExposureVerdict
{
    public static string Of(ExposureRow row, CompiledPolicy? policy)
    {
        if (row.Decision is { } d && policy is not null)
        {
            if (d.Verdict == Verdict.Deny) return "blocked: " + Layer(d, policy);
            if (d.WouldDeny && row.Outcome == ExposureOutcome.Loads && row.ClosedBy.Count == 0)
                return "open (complain mode; would be blocked: " + Layer(d, policy) + ")";
        }
        if (row.Outcome == ExposureOutcome.Loads && row.ClosedBy.Count > 0) return "closed by sysctl " + string.Join(", ", row.ClosedBy);
        return row.Outcome switch
        {
            ExposureOutcome.Loads => "open",
            ExposureOutcome.BlockedByModprobeConfig => $"blocked: modprobe.d ({row.ModprobeBlock})",
            ExposureOutcome.BuiltinOnly => "built in: nothing to load",
            ExposureOutcome.NeedsPrerequisite => $"not requested until {row.Prerequisite} loads a module, which it cannot here",
            _ => "requested, no module on this kernel",
        };
    }

    private static string Layer(Decision decision, CompiledPolicy policy) => decision.Layer switch
    {
        DecisionLayer.GlobalMode => $"autoload {PolicyWords.Of(policy.AutoloadMode)}{At(decision.Source)}",
        DecisionLayer.Rule => $"rule{At(decision.Source)}",
        DecisionLayer.Default => $"default deny{At(decision.Source)}",
        _ => PolicyWords.Of(decision.Layer),
    };

    private static string At(SourcePosition? source) => source is { } s ? $" at {s.FileAndLine}" : "";
}
