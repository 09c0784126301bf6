namespace Modgate.Enforcement.Status;

public enum EnforcementLevel
{
    None,
    Partial,
    Full,
}

/// <summary>Counts the kernel keeps per verb.</summary>
public sealed record VerbCounters(ulong Allowed, ulong Denied, ulong WouldDeny, ulong Audited);

public sealed record ProgramState(string Program, string Hook, bool Attached);

/// <summary>
/// How much of modgate is enforced here, and why not more (rust-landlock style): one reason per missing piece,
/// each saying what is lost and what to do.
/// </summary>
public sealed record EnforcementStatus(
    EnforcementLevel Level,
    IReadOnlyList<string> Reasons,
    string KernelRelease,
    IReadOnlyList<string> ActiveLsms,
    IReadOnlyList<ProgramState> Programs,
    Tables.PolicyTablesSummary? Policy,
    IReadOnlyDictionary<string, VerbCounters>? Counters,
    ulong? EventsDropped,
    string? CountersUnavailable)
{
    /// <summary>How the BPF programs reach the hooks: bpf-lsm, or bpf-fmod-ret where bpf is not an active LSM.</summary>
    public string BpfBackend { get; init; } = "bpf-lsm";

    /// <summary>What the administrator may want to know without anything missing (e.g. the lsm= that gives BPF LSM).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
