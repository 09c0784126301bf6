namespace Modgate.Bpf.Kernel;

/// <summary>What modgate's attached programs decide for a request (MG_PRCTL_DECIDE): the verdict, whether complain
/// mode softened a deny, the deciding layer (MG_LAYER_*) and the deciding rule's index (-1 for none).</summary>
public readonly record struct KernelDecisionBits(bool Deny, bool WouldDeny, int Layer, int RuleIndex);
