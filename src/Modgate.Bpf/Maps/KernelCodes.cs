namespace Modgate.Bpf.Maps;

// The value sets of bpf/modgate.h as C# types: what a byte of mg_config, mg_rule, mg_task or mg_event means.
// MapLayoutTests compiles the header with gcc and checks every member here against its MG_* number, and fails when
// the header has an MG_* number that no mirror names. Policy enums become these (and back) in PolicyKernelCodes only.

/// <summary>MG_VERB_*: index of mg_config.mode and mg_task.mode, mg_event.verb, counter block.</summary>
public enum KernelVerb : byte { Autoload = 0, Load = 1, Unload = 2 }

/// <summary>MG_MODE_*: one byte of mg_config.mode and mg_task.mode.</summary>
public enum KernelMode : byte { Classic = 0, Privileged = 1, Off = 2 }

/// <summary>MG_ACTION_*: mg_rule.action.</summary>
public enum KernelAction : byte { Allow = 0, Deny = 1, Audit = 2 }

/// <summary>MG_ORIGIN_*: mg_rule.origin (Any: the rule has no origin=), mg_event.origin and the DECIDE prctl's origin.</summary>
public enum KernelOrigin : byte { Any = 0, Autoload = 1, Explicit = 2 }

/// <summary>MG_VERDICT_*: mg_config.default_verdict.</summary>
public enum KernelVerdict : byte { Allow = 0, Deny = 1 }

/// <summary>MG_LAYER_*: the layer of the decision order that decided (mg_event.layer, DECIDE's layer bits).</summary>
public enum KernelLayer : byte { ProcessMode = 0, GlobalMode = 1, Rule = 2, Default = 3 }

/// <summary>MG_ENFORCE, MG_COMPLAIN: mg_config.enforcement.</summary>
public enum KernelEnforcement : byte { Enforce = 0, Complain = 1 }

/// <summary>MG_OUTCOME_*: the counter of a verb's block in mg_counters (index = verb * MG_OUTCOMES + outcome).</summary>
public enum KernelOutcome : byte { Allowed = 0, Denied = 1, WouldDeny = 2, Audited = 3 }

/// <summary>MG_EVENT_*: mg_event.decision (would-deny is its own word, not a flag).</summary>
public enum KernelEventDecision : byte { Allow = 0, Deny = 1, WouldDeny = 2 }

/// <summary>MG_REASON_*: mg_event.reason, why a load or unload was judged without a name.</summary>
public enum KernelReason : byte { None = 0, Unparsed = 1, Unscanned = 2, UnreadableName = 3 }

/// <summary>MG_CAP_*: the capabilities the programs test themselves (a rule's cap= is any number below 64, or MG_NO_CAPABILITY).</summary>
public static class KernelCapabilities
{
    public const byte SysModule = 16;
    public const byte SysAdmin = 21;
}

/// <summary>Numbers only the programs use (bounds of their own maps and walks); mirrored so the header has no unnamed number.</summary>
public static class KernelInternals
{
    /// <summary>MG_MAX_PENDING: entries of the requester map.</summary>
    public const int MaxPending = 4096;
    /// <summary>MG_PENDING_NS: how long two requesters of one string make it unknown.</summary>
    public const ulong PendingNs = 10UL * 1000000000UL;
    /// <summary>MG_REQUESTER_UNKNOWN: mg_requester.flags.</summary>
    public const uint RequesterUnknown = 0x1;
    /// <summary>MG_ELF_MAX_REL_SECTIONS: relocation sections the ELF walk checks.</summary>
    public const int ElfMaxRelSections = 2;
    /// <summary>MG_ELF_MAX_RELOCATIONS: relocations per section the ELF walk checks.</summary>
    public const int ElfMaxRelocations = 64;
}
