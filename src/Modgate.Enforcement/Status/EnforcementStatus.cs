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
    string? CountersUnavailable);
