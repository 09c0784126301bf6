using System.CommandLine;
using System.Text.Json;
using Modgate.Cli.Json;
using Modgate.Cli.Output;
using Modgate.Enforcement.Applying;
using Modgate.Enforcement.Fallback;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Cli.Commands;

/// <summary>`modgate apply [FILE…]`: compile the policy and enforce it with BPF LSM; atomic, the old policy stays on any error.</summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Policy files or directories (default: the --policy paths, else /etc/modgate)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var require = new Option<string?>("--require")
        {
            Description = "full: fail with exit 3 instead of falling back (modprobe gate, modprobe.d, sysctls) when BPF LSM is not active",
        };
        require.AcceptOnlyFromAmong("full");
        var command = new Command("apply",
            "Compile the policy and enforce it (BPF LSM programs pinned under /sys/fs/bpf/modgate). A second apply swaps the policy " +
            "atomically; on any error the policy in force stays and the command fails with the reason. Without BPF LSM the fallback " +
            "backends enforce what they can (status: partial) unless --require full. Needs root.")
        {
            files,
            require,
        };
        command.SetAction(result =>
        {
            var paths = result.GetValue(files) is { Length: > 0 } given ? given : result.GetValue(GlobalOptions.Policy) ?? [];
            return Run(paths, result.GetValue(GlobalOptions.KernelTree), result.GetValue(require) == "full", result.GetValue(GlobalOptions.Json),
                result.GetValue(GlobalOptions.Quiet), result.GetValue(GlobalOptions.Verbose));
        });
        return command;
    }

    private static int Run(IReadOnlyList<string> paths, string? kernelTree, bool requireFull, bool json, bool quiet, bool verbose)
    {
        var treeDir = kernelTree ?? ModuleTree.RunningKernelDirectory();
        var result = PolicyApplier.Apply(paths, treeDir, () => PolicyApplier.ReadCatalog(treeDir), requireFull);
        PolicyInput.PrintDiagnostics(result.Loaded, quiet);
        if (verbose && result.Approximations is { } notes)
            foreach (var note in notes) Console.Error.WriteLine($"modgate: note: {note}");
        foreach (var error in result.Errors) Console.Error.WriteLine($"modgate: apply: {error}");
        if (!result.Applied) return ExitCode(result.Failure);

        var policy = result.Policy!;
        if (json)
            Console.WriteLine(JsonSerializer.Serialize(new ApplyJson(1, true, result.Generation, policy.Digest, [.. policy.Files], policy.Rules.Count,
                [.. result.Approximations!]), EnforcementJsonContext.Default.ApplyJson));
        else if (!quiet)
            Console.WriteLine($"modgate: {result.Summary}");
        if (result.Fallback is { } fallback)
        {
            if (!quiet) Console.Error.WriteLine($"modgate: apply: enforcement partial: {result.FallbackReason}; fallback backends in use");
            foreach (var line in FallbackReport.Enforced(fallback)) if (!quiet) Console.Error.WriteLine($"modgate: apply:   enforced: {line}");
            foreach (var line in fallback.NotEnforced) Console.Error.WriteLine($"modgate: apply:   not enforced: {line}");
            return ExitCodes.Success; // the `lock` directive without BPF LSM: modules_disabled when `load off`, nothing more
        }
        if (result.LockError is { } lockError)
        {
            Console.Error.WriteLine($"modgate: lock: {lockError}");
            return ExitCode(result.LockFailure);
        }
        if (result.Lock is { } locked && !quiet && !json) Console.WriteLine($"modgate: {LockCommand.Summary(locked)}");
        return ExitCodes.Success;
    }

    /// <summary>The exit code (SPEC.md §1) of an apply that failed for this reason.</summary>
    internal static int ExitCode(ApplyFailure failure) => failure switch
    {
        ApplyFailure.None => ExitCodes.Success,
        ApplyFailure.PolicyErrors or ApplyFailure.TableLimit => ExitCodes.UsageOrPolicyError,
        ApplyFailure.PermissionDenied => ExitCodes.PermissionDenied,
        ApplyFailure.NoBpfLsm => ExitCodes.KernelLacksFeature,
        ApplyFailure.Locked => ExitCodes.Locked,
        _ => ExitCodes.Failure,
    };
}
