using System.CommandLine;
using System.Text.Json;
using Modgate.Bpf;
using Modgate.Cli.Json;
using Modgate.Cli.Output;
using Modgate.Enforcement.BpfLsm;
using Modgate.Enforcement.Status;
using Modgate.Enforcement.Tables;
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
        var command = new Command("apply",
            "Compile the policy and enforce it (BPF LSM programs pinned under /sys/fs/bpf/modgate). A second apply swaps the policy " +
            "atomically; on any error the policy in force stays and the command fails with the reason. Needs root.")
        {
            files,
        };
        command.SetAction(result =>
        {
            var paths = result.GetValue(files) is { Length: > 0 } given ? given : result.GetValue(GlobalOptions.Policy) ?? [];
            return Run(paths, result.GetValue(GlobalOptions.KernelTree), result.GetValue(GlobalOptions.Json),
                result.GetValue(GlobalOptions.Quiet), result.GetValue(GlobalOptions.Verbose));
        });
        return command;
    }

    private static int Run(IReadOnlyList<string> paths, string? kernelTree, bool json, bool quiet, bool verbose)
    {
        var loaded = PolicyInput.Load(paths);
        PolicyInput.PrintDiagnostics(loaded, quiet);
        if (loaded.HasErrors)
        {
            Console.Error.WriteLine("modgate: apply: the policy has errors; the policy in force is unchanged");
            return ExitCodes.UsageOrPolicyError;
        }
        var policy = PolicyCompiler.Compile(loaded.Document!);

        var treeDir = kernelTree ?? ModuleTree.RunningKernelDirectory();
        if (!Directory.Exists(treeDir))
        {
            Console.Error.WriteLine($"modgate: apply: no module tree at {treeDir} (needed to turn module= rules into request rules; use --kernel-tree)");
            return ExitCodes.Failure;
        }
        PolicyTables tables;
        try
        {
            var modprobe = File.Exists("/proc/sys/kernel/modprobe") ? File.ReadAllText("/proc/sys/kernel/modprobe").Trim() : "/sbin/modprobe";
            tables = PolicyTableBuilder.Build(policy, new KernelRequestCatalog(ModuleTree.Load(treeDir)), CgroupDirectory.IdsMatching, modprobe);
        }
        catch (TableLimitException e)
        {
            Console.Error.WriteLine($"modgate: apply: {e.Message}; the policy in force is unchanged");
            return ExitCodes.UsageOrPolicyError;
        }
        if (verbose)
            foreach (var note in tables.Approximations) Console.Error.WriteLine($"modgate: note: {note}");

        if (!Environment.IsPrivilegedProcess)
        {
            Console.Error.WriteLine("modgate: apply: permission denied: enforcing a policy needs root (CAP_SYS_ADMIN and CAP_BPF)");
            return ExitCodes.PermissionDenied;
        }
        var lsms = File.Exists(StatusReader.LsmFile) ? File.ReadAllText(StatusReader.LsmFile).Trim() : "";
        if (!lsms.Split(',').Contains("bpf"))
        {
            Console.Error.WriteLine($"modgate: apply: bpf not in active LSM list ({lsms}): add lsm={lsms},bpf to the kernel command line; nothing enforced");
            return ExitCodes.KernelLacksFeature;
        }

        if (LockCommand.RefusedBecauseLocked("apply")) return ExitCodes.Locked;
        uint generation;
        try
        {
            generation = BpfLsmBackend.Apply(tables);
        }
        catch (VerifierException e)
        {
            Console.Error.WriteLine($"modgate: apply: {e.Message}");
            Console.Error.WriteLine("modgate: apply: the policy in force is unchanged");
            return ExitCodes.Failure;
        }
        catch (SyscallException e)
        {
            Console.Error.WriteLine($"modgate: apply: {e.Message}; the policy in force is unchanged");
            return e.Errno is 1 or 13 ? ExitCodes.PermissionDenied : ExitCodes.Failure;
        }
        new AppliedRecord(generation, policy.Digest, policy.Files, DateTimeOffset.UtcNow).Save();
        AppliedRecord.SavePolicy(loaded.Document!);

        if (json)
            Console.WriteLine(JsonSerializer.Serialize(new ApplyJson(1, true, generation, policy.Digest, [.. policy.Files], policy.Rules.Count,
                [.. tables.Approximations]), EnforcementJsonContext.Default.ApplyJson));
        else if (!quiet)
            Console.WriteLine($"modgate: applied policy {policy.Digest[..Math.Min(19, policy.Digest.Length)]} (generation {generation}): " +
                              $"autoload {Name(policy.AutoloadMode)}, load {Name(policy.LoadMode)}, unload {Name(policy.UnloadMode)}, " +
                              $"{policy.Rules.Count} rules, default {(policy.Default == Verdict.Deny ? "deny" : "allow")}" +
                              (policy.Enforcement == EnforcementMode.Complain ? ", complain mode" : ""));
        return policy.Locked ? LockCommand.Run(quiet || json) : ExitCodes.Success; // the `lock` directive: apply, then modgate lock
    }

    internal static string Name(Mode mode) => mode switch { Mode.Classic => "classic", Mode.Privileged => "privileged", _ => "off" };
}
