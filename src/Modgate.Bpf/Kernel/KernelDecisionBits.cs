using Modgate.Bpf.Maps;
using Modgate.Policy;

namespace Modgate.Bpf.Kernel;

/// <summary>What modgate's attached programs decide for a request (MG_PRCTL_DECIDE): the verdict, whether complain
/// mode softened a deny, the deciding layer and the deciding rule's index (-1 for none).</summary>
public readonly record struct KernelDecisionBits(bool Deny, bool WouldDeny, DecisionLayer Layer, int RuleIndex)
{
    /// <summary>The answer's parts: <paramref name="decision"/> the MG_DECISION_* bits (layer in bits 2-3), and
    /// <paramref name="rulePlusOne"/> the deciding rule's index + 1 (0 for none), as modgate.h describes them.</summary>
    public static KernelDecisionBits Decode(int decision, int rulePlusOne)
    {
        PolicyKernelCodes.TryLayer((byte)((decision >> MapConstants.DecisionLayerShift) & 3), out var layer);
        return new KernelDecisionBits((decision & MapConstants.DecisionDeny) != 0, (decision & MapConstants.DecisionWouldDeny) != 0,
            layer, rulePlusOne - 1);
    }

    /// <summary>The word of the decision: would-deny when complain mode let a deny through.</summary>
    public string DecisionWord => WouldDeny ? "would-deny" : Deny ? "deny" : "allow";
}
