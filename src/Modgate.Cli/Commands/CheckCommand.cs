using System.CommandLine;
using System.Text.Json;
using Modgate.Cli.Json;
using Modgate.Cli.Output;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Cli.Commands;

/// <summary>`modgate check [FILE…]`: parse and validate a policy; every error and warning, with file, line and column.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Policy files or directories to check (default: the --policy paths, else /etc/modgate)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("check",
            "Parse and validate a policy. Prints every error and warning as FILE:LINE:COL: error: MESSAGE; " +
            "exits 2 if there is any error, 0 otherwise. Needs no root.")
        {
            files,
        };
        command.SetAction(result =>
        {
            var paths = result.GetValue(files) is { Length: > 0 } given ? given : result.GetValue(GlobalOptions.Policy) ?? [];
            var tree = result.GetValue(GlobalOptions.KernelTree);
            if (tree is not null && !Directory.Exists(tree))
            {
                Console.Error.WriteLine(CommandErrors.Line("--kernel-tree", $"no module tree at {tree}"));
                return ExitCodes.UsageOrPolicyError;
            }
            return Run(paths, KnownModules(tree), result.GetValue(GlobalOptions.Json), result.GetValue(GlobalOptions.Quiet));
        });
        return command;
    }

    /// <summary>Module names of the kernel tree, for "not in the kernel tree" warnings; null when there is no tree to ask.</summary>
    private static IReadOnlySet<string>? KnownModules(string? kernelTree)
    {
        var directory = kernelTree ?? ModuleTree.RunningKernelDirectory();
        return Directory.Exists(directory) ? new LazyModuleNames(directory) : null;
    }

    private static int Run(IReadOnlyList<string> paths, IReadOnlySet<string>? knownModules, bool json, bool quiet)
    {
        var loaded = PolicyLoader.Load(paths, knownModules);
        var errors = loaded.Diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = loaded.Diagnostics.Count - errors;
        var ok = !loaded.HasErrors;
        var compiled = ok ? PolicyCompiler.Compile(loaded.Document!) : null;
        if (json)
        {
            var output = new CheckJson(1, ok, [.. loaded.Document?.Files ?? default], errors, warnings, compiled?.Digest,
                [.. loaded.Diagnostics.Select(DiagnosticJson.From)]);
            Console.WriteLine(JsonSerializer.Serialize(output, PolicyJsonContext.Default.CheckJson));
        }
        else
        {
            PolicyInput.PrintDiagnostics(loaded, quiet);
            if (compiled is not null && !quiet)
                Console.WriteLine(Summary(compiled, warnings));
            else if (!ok && !quiet)
                Console.Error.WriteLine($"{errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}: policy not valid");
        }
        return ok ? ExitCodes.Success : ExitCodes.UsageOrPolicyError;
    }

    private static string Summary(CompiledPolicy policy, int warnings) =>
        $"policy ok: {policy.Files.Count} file{(policy.Files.Count == 1 ? "" : "s")}, {policy.Rules.Count} rule{(policy.Rules.Count == 1 ? "" : "s")}, " +
        $"autoload {PolicyWords.Of(policy.AutoloadMode)}, load {PolicyWords.Of(policy.LoadMode)}, " +
        $"unload {PolicyWords.Of(policy.UnloadMode)}, default {PolicyWords.Of(policy.Default)}" +
        $"{(policy.Enforcement == EnforcementMode.Complain ? ", complain mode" : "")}{(policy.Locked ? ", lock" : "")}" +
        $"{(warnings > 0 ? $", {warnings} warning{(warnings == 1 ? "" : "s")}" : "")}; {policy.Digest}";
}
