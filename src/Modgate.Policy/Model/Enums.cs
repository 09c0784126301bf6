namespace Modgate.Policy;

/// <summary>What a request asks the kernel to do with a module.</summary>
public enum Verb
{
    /// <summary>The kernel asks modprobe for a module (request_module), on behalf of a task.</summary>
    Autoload,
    /// <summary>init_module / finit_module.</summary>
    Load,
    /// <summary>delete_module.</summary>
    Unload,
}

/// <summary>A mode of one verb. The numeric order is the order of strictness: modes only ever rise.</summary>
public enum Mode : byte
{
    Classic = 0,
    Privileged = 1,
    Off = 2,
}

/// <summary>Who started a load: the modprobe the kernel spawned for an autoload, or anybody else.</summary>
public enum Origin : byte
{
    Autoload = 1,
    Explicit = 2,
}

public enum RuleAction : byte
{
    Allow,
    Deny,
    /// <summary>Logs the request and lets the next rule decide.</summary>
    Audit,
}

public enum Verdict : byte
{
    Allow,
    Deny,
}

/// <summary>The layer of SPEC.md's decision order that gave a decision.</summary>
public enum DecisionLayer : byte
{
    ProcessMode,
    GlobalMode,
    Rule,
    Default,
}

public enum EnforcementMode : byte
{
    Enforce,
    /// <summary>Decide and log would-deny, but allow.</summary>
    Complain,
}
