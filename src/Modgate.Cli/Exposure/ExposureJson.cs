using System.Text.Json.Serialization;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Cli.Exposure;

/// <summary>JSON of `modgate exposure --json` (schema 1). Field names are part of the documented, stable output.</summary>
internal sealed record ExposureJson(
    int Schema,
    string KernelTree,
    string KernelVersion,
    ExposurePolicyJson Policy,
    ExposureSummaryJson Summary,
    IReadOnlyList<ExposureRowJson> Rows,
    IReadOnlyList<SysctlJson>? Sysctls);

/// <summary>A sysctl of the running kernel as read (value null when absent), and what it closes: none, tty-ldisc, userns, all.</summary>
internal sealed record SysctlJson(string Name, string? Value, string Closes, string Effect)
{
    public static SysctlJson From(SysctlReading r) => new(r.Name, r.Value, r.Closes switch
    {
        SysctlClosure.LineDisciplines => "tty-ldisc",
        SysctlClosure.UserNamespaces => "userns",
        SysctlClosure.Everything => "all",
        _ => "none",
    }, r.Effect);
}

internal sealed record ExposurePolicyJson(string Kind, string Label, IReadOnlyList<string> Files, string? Digest);

internal sealed record ExposureSummaryJson(int ReachableModules, int WithoutPrivilege, int ThroughUserNamespace, int ModulesWithCves,
    int RequestsLoadingNothing, int OpenModules, int BlockedByModprobeConfig, string Line, int ClosedBySysctl);

internal sealed record CveJson(string Id, string? Published, string Module, string Summary, bool Notable);

internal sealed record ExposureRowJson(
    string Request,
    string Family,
    string Trigger,
    string Privilege,
    string PrivilegeText,
    string Checked,
    string FamilyNote,
    string FamilySites,
    IReadOnlyList<string> Resolved,
    string Resolution,
    string Outcome,
    IReadOnlyList<string> Loads,
    string? ModprobeBlock,
    string? DisabledAliasOf,
    string? Prerequisite,
    int CveCount,
    IReadOnlyList<CveJson> Cves,
    bool Open,
    string Verdict,
    string? PolicyDecision,
    string? PolicyRule,
    IReadOnlyList<string> Context,
    string ContextNote,
    IReadOnlyList<string> ClosedBy)
{
    public static ExposureRowJson From(ExposureRow r, CompiledPolicy? policy) => new(
        r.Request,
        r.Family.Format,
        r.Trigger,
        r.PrivilegeFamily.Privilege switch
        {
            PrivilegeNeeded.None => "none",
            PrivilegeNeeded.UserNamespace => "userns",
            PrivilegeNeeded.InitialNamespace => "init",
            PrivilegeNeeded.Device => "device",
            _ => "kernel",
        },
        r.PrivilegeFamily.PrivilegeText,
        r.Family.Checked,
        r.Family.Note,
        r.Family.Sites,
        r.Resolution.Names,
        r.Resolution.Source.ToString(),
        r.Outcome switch
        {
            ExposureOutcome.Loads => "loads",
            ExposureOutcome.BlockedByModprobeConfig => "blocked-by-modprobe-d",
            ExposureOutcome.BuiltinOnly => "built-in",
            ExposureOutcome.NeedsPrerequisite => "needs-prerequisite",
            _ => "no-module",
        },
        r.Loads,
        r.ModprobeBlock,
        r.Disabled?.Module,
        r.Prerequisite,
        r.Cves.Count,
        [.. r.Cves.Select(c => new CveJson(c.Id, c.Published?.ToString("yyyy-MM-dd"), c.Module, c.Summary, c.Notable))],
        r.Open,
        ExposureVerdict.Of(r, policy),
        r.Decision?.DecisionWord,
        r.Decision?.Source?.FileAndLine,
        RequestContexts.Names(r.Family.Context),
        r.Family.ContextNote,
        r.ClosedBy);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ExposureJson))]
internal sealed partial class ExposureJsonContext : JsonSerializerContext;
