using System.Text.Json.Serialization;
using Modgate.Policy;

namespace Modgate.Cli.Json;

/// <summary>JSON shapes of `check` and `simulate`. Field names are part of the documented, stable output.</summary>
internal sealed record DiagnosticJson(string File, int Line, int Column, string Severity, string Message)
{
    public static DiagnosticJson From(Diagnostic d) =>
        new(d.Position.File, d.Position.Line, d.Position.Column, d.Severity == Policy.Severity.Error ? "error" : "warning", d.Message);
}

internal sealed record CheckJson(int Schema, bool Ok, IReadOnlyList<string> Files, int Errors, int Warnings,
    string? Digest, IReadOnlyList<DiagnosticJson> Diagnostics);

internal sealed record SimulateJson(
    int Schema,
    string Verb,
    string? Request,
    IReadOnlyList<string> Modules,
    string? KernelTree,
    string? ResolutionProblem,
    string Origin,
    uint Uid,
    IReadOnlyList<string> Capabilities,
    string Cgroup,
    string ProcessMode,
    string Verdict,
    string Decision,
    string Layer,
    string? Rule,
    IReadOnlyList<string> Audits,
    string? Grant,
    string PolicyDigest,
    bool UnknownRequester,
    IReadOnlyList<LoadJson>? Loads,
    IReadOnlyList<string>? NotLoaded);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CheckJson))]
[JsonSerializable(typeof(SimulateJson))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;
