using System.Text.Json.Serialization;

namespace Modgate.Cli.Json;

internal sealed record CountersJson(ulong Allowed, ulong Denied, ulong WouldDeny, ulong Audited);

internal sealed record ProgramJson(string Program, string Hook, bool Attached);

internal sealed record AppliedPolicyJson(uint Generation, string Digest, string[] Files, string AppliedAt,
    string Autoload, string Load, string Unload, string Enforcement);

internal sealed record ProcessModesJson(int Pid, string Autoload, string Load, string Unload, bool OriginAutoload);

/// <summary>`modgate status --json` (schema 1).</summary>
internal sealed record StatusJson(int Schema, string Level, string Backend, string[] Reasons, string Kernel, string[] ActiveLsms,
    ProgramJson[] Programs, AppliedPolicyJson? Policy, Dictionary<string, CountersJson>? Counters, ulong? EventsDropped,
    string? CountersUnavailable, ProcessModesJson? Process)
{
    /// <summary>The fallback backends in force (BPF LSM not active): what they enforce and what they cannot.</summary>
    public FallbackJson? Fallback { get; init; }

    /// <summary>The agent's own account (/run/modgate/agent.json); null when no agent ever ran since boot.</summary>
    public AgentJson? Agent { get; init; }

    /// <summary>Facts without anything missing, e.g. the lsm= value that gives BPF LSM where fmod_ret is in use.</summary>
    public string[] Notes { get; init; } = [];
}

/// <summary>`status --json`: the agent.</summary>
internal sealed record AgentJson(bool Running, int Pid, string Started, long EventsWritten, long EventsNotWritten, ulong KernelDropped,
    string? LastReload, string? LastReloadResult);

/// <summary>`status --json`: the fallback backends in force.</summary>
internal sealed record FallbackJson(string[] Enforced, string[] NotEnforced);

/// <summary>`modgate apply --json` (schema 1).</summary>
internal sealed record ApplyJson(int Schema, bool Applied, uint Generation, string Digest, string[] Files, int Rules, string[] Approximations);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(ApplyJson))]
internal sealed partial class EnforcementJsonContext : JsonSerializerContext;
