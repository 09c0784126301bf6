using Modgate.Policy;

namespace Modgate.Bpf.Maps;

/// <summary>
/// The one place where the policy's enums become the kernel's codes (KernelCodes.cs) and back. The numbers of the two
/// sides happen to agree today; nothing may rely on that, so every byte written to or read from a map passes here.
/// </summary>
public static class PolicyKernelCodes
{
    public static KernelVerb ToKernel(Verb verb) => verb switch
    {
        Verb.Autoload => KernelVerb.Autoload,
        Verb.Load => KernelVerb.Load,
        _ => KernelVerb.Unload,
    };

    /// <summary>The verb of a byte the kernel wrote; false for a code this build does not know.</summary>
    public static bool TryVerb(byte code, out Verb verb)
    {
        (var known, verb) = (KernelVerb)code switch
        {
            KernelVerb.Autoload => (true, Verb.Autoload),
            KernelVerb.Load => (true, Verb.Load),
            KernelVerb.Unload => (true, Verb.Unload),
            _ => (false, default),
        };
        return known;
    }

    public static KernelMode ToKernel(Mode mode) => mode switch
    {
        Mode.Classic => KernelMode.Classic,
        Mode.Privileged => KernelMode.Privileged,
        _ => KernelMode.Off,
    };

    /// <summary>A mode byte of mg_config or mg_task. Modes only rise, so a code above the known ones reads as the
    /// strictest (off), never as a laxer one.</summary>
    public static Mode ModeOf(byte code) => (KernelMode)code switch
    {
        KernelMode.Classic => Mode.Classic,
        KernelMode.Privileged => Mode.Privileged,
        _ => Mode.Off,
    };

    public static KernelAction ToKernel(RuleAction action) => action switch
    {
        RuleAction.Allow => KernelAction.Allow,
        RuleAction.Deny => KernelAction.Deny,
        _ => KernelAction.Audit,
    };

    /// <summary>A rule's origin= (null: the rule has none and matches either).</summary>
    public static KernelOrigin ToKernel(Origin? origin) => origin switch
    {
        Origin.Autoload => KernelOrigin.Autoload,
        Origin.Explicit => KernelOrigin.Explicit,
        _ => KernelOrigin.Any,
    };

    /// <summary>The origin of a load the kernel reported: only the autoload mark makes it autoload.</summary>
    public static Origin OriginOf(byte code) => (KernelOrigin)code == KernelOrigin.Autoload ? Origin.Autoload : Origin.Explicit;

    public static KernelVerdict ToKernel(Verdict verdict) => verdict == Verdict.Deny ? KernelVerdict.Deny : KernelVerdict.Allow;

    public static KernelEnforcement ToKernel(EnforcementMode mode) =>
        mode == EnforcementMode.Complain ? KernelEnforcement.Complain : KernelEnforcement.Enforce;

    public static EnforcementMode EnforcementOf(byte code) =>
        (KernelEnforcement)code == KernelEnforcement.Complain ? EnforcementMode.Complain : EnforcementMode.Enforce;

    /// <summary>The deciding layer of a byte the kernel wrote; false for a code this build does not know.</summary>
    public static bool TryLayer(byte code, out DecisionLayer layer)
    {
        (var known, layer) = (KernelLayer)code switch
        {
            KernelLayer.ProcessMode => (true, DecisionLayer.ProcessMode),
            KernelLayer.GlobalMode => (true, DecisionLayer.GlobalMode),
            KernelLayer.Rule => (true, DecisionLayer.Rule),
            KernelLayer.Default => (true, DecisionLayer.Default),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The first of a verb's counters in mg_counters (MG_OUTCOMES per verb, in MG_VERB_* order).</summary>
    public static uint CounterIndex(Verb verb, KernelOutcome outcome) =>
        (uint)((int)ToKernel(verb) * MapConstants.Outcomes + (int)outcome);
}
