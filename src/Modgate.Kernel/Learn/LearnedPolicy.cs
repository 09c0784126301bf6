namespace Modgate.Kernel.Learn;

/// <summary>Where `learn` found that a module is needed; also the order of the groups in the policy.</summary>
public enum LearnSource : byte
{
    /// <summary>In /proc/modules now.</summary>
    Loaded,
    /// <summary>A present device's modalias resolves to it (or it is a dependency of such a module).</summary>
    Hardware,
    /// <summary>The audit log shows a request for it.</summary>
    AuditLog,
}

/// <summary>One allow rule of the learned policy: the module, the group it is written in, and every reason found.</summary>
public sealed record LearnedRule(string Module, LearnSource Source, IReadOnlyList<string> Reasons);

/// <summary>The learned allowlist and what was left out of it, with why.</summary>
public sealed record LearnedPolicy(
    string KernelVersion,
    string KernelDirectory,
    IReadOnlyList<LearnedRule> Rules,
    IReadOnlyList<string> Notes,
    LearnCounts Counts);

/// <summary>What each input gave, for the header of the policy.</summary>
public sealed record LearnCounts(int LoadedModules, int Modaliases, int ModaliasesWithModule, int BuiltinOnly, int Observations);
