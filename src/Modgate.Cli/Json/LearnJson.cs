using System.Text.Json.Serialization;

namespace Modgate.Cli.Json;

/// <summary>`learn --json`: the rules with their reasons, the notes, and the policy text itself. Stable field names.</summary>
internal sealed record LearnJson(int Schema, string KernelVersion, string KernelDirectory, IReadOnlyList<LearnedRuleJson> Rules,
    IReadOnlyList<string> Notes, string Policy);

/// <param name="Source">loaded, hardware or audit-log: the group the rule is written in.</param>
internal sealed record LearnedRuleJson(string Module, string Source, IReadOnlyList<string> Reasons);

/// <summary>`import-modprobe --json`: each deny with the modprobe.d lines behind it, the lines left out, and the policy text.</summary>
internal sealed record ImportJson(int Schema, IReadOnlyList<string> Files, IReadOnlyList<ImportedDenyJson> Denies,
    IReadOnlyList<ImportSkipJson> Skipped, string Policy);

internal sealed record ImportedDenyJson(string Module, IReadOnlyList<ModprobeLineJson> Sources);

internal sealed record ModprobeLineJson(string File, int Line, string Directive);

internal sealed record ImportSkipJson(ModprobeLineJson Line, string Reason);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LearnJson))]
[JsonSerializable(typeof(ImportJson))]
internal sealed partial class LearnJsonContext : JsonSerializerContext;
