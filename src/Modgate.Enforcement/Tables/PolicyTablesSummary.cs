namespace Modgate.Enforcement.Tables;

/// <summary>The policy in force as `status` reports it.</summary>
public sealed record PolicyTablesSummary(uint Generation, string Digest, IReadOnlyList<string> Files, DateTimeOffset AppliedAt,
    string AutoloadMode, string LoadMode, string UnloadMode, string Enforcement);
