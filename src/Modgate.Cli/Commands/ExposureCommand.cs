using System.CommandLine;
using System.Text.Json;
using Modgate.Cli.Exposure;
using Modgate.Cli.Output;
using Modgate.Kernel;

namespace Modgate.Cli.Commands;

/// <summary>
/// `modgate exposure [--kernel-tree DIR] [--policy FILE] [--json] [--all] [--requests] [--sort …] [--open] [--privilege …]`:
/// the kernel's autoload attack surface (every request an unprivileged process can make the kernel issue, the
/// module it loads, the action that triggers it, the module's known CVEs) and, under a policy, what stays open.
/// The summary comes first, then one row per module. Needs no root.
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
        var requests = new Option<bool>("--requests")
        {
            Description = "One row per request (the module it loads and what that pulls in) instead of one row per module",
        };
        var sort = new Option<string?>("--sort")
        {
            Description = "Order the rows: cves (most first; the default), module (by name) or privilege (least needed first)",
            HelpName = "KEY",
        };
        sort.AcceptOnlyFromAmong("cves", "module", "privilege");
        var open = new Option<bool>("--open") { Description = "Only what stays open: requests whose modules enter the kernel under the policy and sysctls" };
        var privilege = new Option<string?>("--privilege")
        {
            Description = "Only requests that need this privilege: none, userns (a capability in an unprivileged user namespace), " +
                          "init (a capability in the initial namespace), device (a device node), kernel (the kernel's own requests)",
            HelpName = "KEY",
        };
        privilege.AcceptOnlyFromAmong(ExposureSelection.PrivilegeKeys);
        var command = new Command("exposure",
            "Show the autoload attack surface of a kernel: a summary, then each module an unprivileged process can make the kernel " +
            "load, with the requests that load it, the action that triggers it, the privilege needed, its known CVEs, and the verdict " +
            "under the policy (--policy, else the policy in force, else the stock kernel). Needs no root.")
        {
            all,
            procSys,
            requests,
            sort,
            open,
            privilege,
        };
        command.SetAction(result => Run(result.GetValue(GlobalOptions.KernelTree), result.GetValue(GlobalOptions.Policy) ?? [],
            result.GetValue(GlobalOptions.Json), new ExposureSelection(result.GetValue(all), result.GetValue(privilege), result.GetValue(open)),
            new ExposureTable.View(result.GetValue(requests), result.GetValue(sort) switch
            {
                "cves" => ExposureSort.Cves,
                "module" => ExposureSort.Module,
                "privilege" => ExposureSort.Privilege,
                _ => null,
            }),
            result.GetValue(GlobalOptions.Quiet), result.GetValue(GlobalOptions.Verbose), result.GetValue(procSys)));
        return command;
    }

    private static int Run(string? kernelTree, IReadOnlyList<string> policyPaths, bool json, ExposureSelection selection, ExposureTable.View view,
        bool quiet, bool verbose, string? procSys)
    {
        if (procSys is not null && !Directory.Exists(procSys))
        {
            Console.Error.WriteLine(CommandErrors.ReaderLine("exposure", $"--proc-sys {procSys}: no such directory (pass a copy of a machine's /proc/sys)"));
            return ExitCodes.UsageOrPolicyError;
        }
        var located = ExposureTreeLocator.Locate(kernelTree, out var problem);
        if (located is null)
        {
            Console.Error.WriteLine(CommandErrors.ReaderLine("exposure", problem));
            return ExitCodes.UsageOrPolicyError;
        }
        var choice = ExposurePolicySource.Choose(policyPaths, out var failed);
        if (choice is null)
        {
            PolicyInput.PrintDiagnostics(failed!, quiet: false);
            return ExitCodes.UsageOrPolicyError;
        }
        ModuleTree tree;
        using (Progress.Start("exposure", $"reading the module tree {located.ModuleDirectory}", quiet))
            tree = ModuleTree.Load(located.ModuleDirectory, located.ModprobeConfigPaths);
        foreach (var d in tree.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || verbose))
            Console.Error.WriteLine(d.ToString());
        if (tree.HasErrors)
        {
            Console.Error.WriteLine(CommandErrors.ReaderLine("exposure", $"the module tree at {located.ModuleDirectory} is not usable (errors above)"));
            return ExitCodes.UsageOrPolicyError;
        }

        ExposureFacts facts;
        try
        {
            facts = ExposureFacts.Bundled();
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine(CommandErrors.ReaderLine("exposure", $"the data bundled in this build is damaged ({e.Message}); rebuild modgate from a clean data/"));
            return ExitCodes.Failure;
        }
        // The running kernel's sysctls apply to its own tree only; another tree's machine can be described with --proc-sys.
        var sysctls = procSys is not null ? SurfaceSysctls.Read(new ProcSysReader(procSys))
            : located.IsRunningKernel ? SurfaceSysctls.Read(new ProcSysReader()) : null;
        IReadOnlyList<ExposureRow> rows;
        using (Progress.Start("exposure", "resolving and judging every request", quiet))
            rows = ExposureAnalyzer.Analyze(new AliasResolver(tree), facts, choice.Policy, sysctls);
        var shown = selection.Apply(rows);
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
            ExposureTable.Write(Console.Out, Terminal.Stdout, shown, choice.Policy, facts.Cves, summary, choice.Label, tree.Directory, quiet, view,
                sysctls, procSys ?? ProcSysReader.DefaultRoot);
        }
        return ExitCodes.Success;
    }
}
