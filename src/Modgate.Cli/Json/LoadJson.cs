using Modgate.Cli.Output;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Cli.Json;

/// <summary>One load modprobe makes for an allowed autoload, as `simulate --json` lists it (documented in README.md).</summary>
internal sealed record LoadJson(string Module, string Reason, string? Of, bool Required, string Result, string? Decision, string? Layer,
    string? Rule, string? Command)
{
    public static LoadJson From(JudgedLoad load) => new(
        load.Step.Module,
        LoadsText.RoleWord(load.Step.Role),
        load.Step.Of,
        load.Step.Required,
        LoadsText.ResultWord(load.Result),
        load.Decision?.DecisionWord,
        load.Decision is { } d ? PolicyWords.Of(d.Layer) : null,
        load.Decision?.Source?.FileAndLine,
        load.Step.Install?.Command);
}
