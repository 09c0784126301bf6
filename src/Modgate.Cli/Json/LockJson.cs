using System.Text.Json.Serialization;

namespace Modgate.Cli.Json;

internal sealed record ProtectionJson(string Name, bool Active, string Detail);

/// <summary>`modgate lock --json` (schema 1).</summary>
internal sealed record LockJson(int Schema, bool Locked, bool AlreadyLocked, string Since, int Programs, int Maps, int Links, int Pins,
    bool ModulesDisabled, ProtectionJson[] Protections);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LockJson))]
internal sealed partial class LockJsonContext : JsonSerializerContext;
