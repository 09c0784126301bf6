using System.CommandLine;
using System.Text.Json;
using Modgate.Cli.Exposure;
using Modgate.Cli.Output;
using Modgate.Kernel;

namespace Modgate.Cli.Commands;

/// <summary>
/// `modgate exposure [--kernel-tree DIR] [--policy FILE] [--json] [--all]`: the kernel's autoload attack
/// surface (every request an unprivileged process can make the kernel issue, the module it loads, the
/// action that triggers it, the module's known CVEs) and, under a policy, what stays open. Needs no root.
/// </summary>
internal static class ExposureCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all")
        {
            Description = "Also list requests that need root, a device node or come from the kernel itself, and those answered by built-in modules",
        };
        var procSys = new Option<string?>("--proc-sys")
        {
            Description = "Read the sysctls that change the surface (dev.tty.ldisc_autoload, user namespaces, kernel.modules_disabled) from DIR, " +
                          "a copy of a machine's /proc/sys; without --kernel-tree they are read from /proc/sys",
            HelpName = "DIR",
        };
        var command = new Command("exposure",
            "Show the autoload attack surface of a kernel: each request an unprivileged process can make the kernel issue, " +
            "the module it loads, the action that triggers it, the privilege needed, the module's known CVEs, and the verdict " +
            "under the policy (--policy, else the policy in force, else the stock kernel). Needs no root.")
        {
            all,
            procSys,
        };
        command.SetAction(result => Run(result.GetValue(GlobalOptions.KernelTree), result.GetValue(GlobalOptions.Policy) ?? [],
            result.GetValue(GlobalOptions.Json), result.GetValue(all), result.GetValue(GlobalOptions.Quiet), result.GetValue(GlobalOptions.Verbose),
            result.GetValue(procSys)));
        return command;
    }

    private static int Run(string? kernelTree, IReadOnlyList<string> policyPaths, bool json, bool all, bool quiet, bool verbose, string? procSys)
    {
        if (procSys is not null && !Directory.Exists(procSys))
        {
            Console.Error.WriteLine($"modgate exposure: --proc-sys {procSys}: no such directory (pass a copy of a machine's /proc/sys)");
            return ExitCodes.UsageOrPolicyError;
        }
        var located = ExposureTreeLocator.Locate(kernelTree, out var problem);
        if (located is null)
        {
            Console.Error.WriteLine("modgate exposure: " + problem);
            return ExitCodes.UsageOrPolicyError;
        }
        var choice = ExposurePolicySource.Choose(policyPaths, out var failed);
        if (choice is null)
        {
            PolicyInput.PrintDiagnostics(failed!, quiet: false);
            return ExitCodes.UsageOrPolicyError;
        }
        var tree = ModuleTree.Load(located.ModuleDirectory, located.ModprobeConfigPaths);
        foreach (var d in tree.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || verbose))
            Console.Error.WriteLine(d.ToString());
        if (tree.HasErrors)
        {
            Console.Error.WriteLine($"modgate exposure: the module tree at {located.ModuleDirectory} is not usable (errors above)");
            return ExitCodes.UsageOrPolicyError;
        }

        ExposureFacts facts;
        try
        {
            facts = ExposureFacts.Bundled();
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"modgate exposure: the data bundled in this build is damaged ({e.Message}); rebuild modgate from a clean data/");
            return ExitCodes.Failure;
        }
        // The running kernel's sysctls apply to its own tree only; another tree's machine can be described with --proc-sys.
        var sysctls = procSys is not null ? SurfaceSysctls.Read(new ProcSysReader(procSys))
            : located.IsRunningKernel ? SurfaceSysctls.Read(new ProcSysReader()) : null;
        var rows = ExposureAnalyzer.Analyze(new AliasResolver(tree), facts, choice.Policy, sysctls);
        var shown = all ? rows : rows.Where(r => r.ReachableUnprivileged && r.Outcome != ExposureOutcome.BuiltinOnly).ToList();
        var summary = ExposureSummary.Of(rows, facts.Cves, sysctls is not null);
        if (json)
        {
            var output = new ExposureJson(1, tree.Directory, tree.Version,
                new ExposurePolicyJson(choice.Kind, choice.Label, choice.Policy?.Files ?? [], choice.Policy?.Digest),
                new ExposureSummaryJson(summary.ReachableModules, summary.WithoutPrivilege, summary.ThroughUserNamespace, summary.ModulesWithCves,
                    summary.RequestsLoadingNothing, summary.OpenModules, summary.BlockedByModprobeConfig, summary.Line(choice.Label), summary.ClosedBySysctl),
                [.. shown.Select(r => ExposureRowJson.From(r, choice.Policy))],
                sysctls is null ? null : [.. sysctls.Readings.Select(SysctlJson.From)]);
            Console.WriteLine(JsonSerializer.Serialize(output, ExposureJsonContext.Default.ExposureJson));
        }
        else
        {
            ExposureTable.Write(Console.Out, shown, choice.Policy, facts.Cves, summary, choice.Label, tree.Directory, quiet, sysctls,
                procSys ?? ProcSysReader.DefaultRoot);
        }
        return ExitCodes.Success;
    }
}
