using System.Text.Json.Serialization;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// One line of audit.jsonl, field for field (documented in docs/audit.md; stable: add fields, never rename).
/// Time is RFC 3339 UTC with microseconds; caps are capability names.
/// </summary>
public sealed record AuditRecordJson(
    int Schema, string Time, string Verb, string? Request, string? Module, string? Origin,
    string Decision, string Layer, string? Rule,
    int Pid, int Tgid, string Comm, string? Exe, uint Uid, string? Cgroup, IReadOnlyList<string> Caps,
    string? Reason = null);

/// <summary>One object a line: no indentation, nulls written (every line has every field).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AuditRecordJson))]
public sealed partial class AuditJsonContext : JsonSerializerContext;
