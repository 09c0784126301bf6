using System.CommandLine;
using System.Text.Json;
using Modgate.Cli.Json;
using Modgate.Cli.AuditLog;
using Modgate.Cli.Exposure;
using Modgate.Cli.Output;
using Modgate.Kernel;
using Modgate.Kernel.Learn;

namespace Modgate.Cli.Commands;

/// <summary>`modgate learn`: an allowlist policy from the loaded modules, the present hardware and the audit log.</summary>
internal static class LearnCommand
{
    public static Command Create()
    {
        var fromLog = new Option<string?>("--from-log")
        {
            Description = "Also allow the modules this audit log saw requested (allow and would-deny records; e.g. " +
                          Enforcement.Audit.AuditJsonlWriter.DefaultPath + " after a run in complain mode)",
            HelpName = "FILE",
        };
        var since = new Option<string?>("--since") { Description = "With --from-log: only records from T on (2026-11-25T12:00:00Z, 2h, 7d…)", HelpName = "T" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the policy to FILE (replaced atomically) instead of stdout", HelpName = "FILE" };
        var procModules = new Option<string>("--proc-modules")
        {
            Description = "The loaded-modules list to read (a copy of another machine's /proc/modules)",
            DefaultValueFactory = _ => LoadedModules.DefaultPath,
            HelpName = "FILE",
        };
        var sysfs = new Option<string>("--sysfs")
        {
            Description = "The sysfs root whose devices/**/modalias to read (a recorded copy of another machine's /sys)",
            DefaultValueFactory = _ => DeviceModaliases.DefaultSysfs,
            HelpName = "DIR",
        };
        var command = new Command("learn",
            "Write an allowlist policy ('default deny' and one commented allow rule per module) from the modules loaded now, " +
            "the modules present hardware needs (/sys/devices/**/modalias through the alias table), and, with --from-log, " +
            "the audit log. With --json: the rules with their reasons, the notes, and the policy text. Reads only; needs no root.")
        {
            fromLog, since, output, procModules, sysfs,
        };
        command.SetAction(result => Run(result.GetValue(GlobalOptions.KernelTree), result.GetValue(fromLog), result.GetValue(since),
            result.GetValue(output), result.GetValue(procModules)!, result.GetValue(sysfs)!, result.GetValue(GlobalOptions.Json),
            result.GetValue(GlobalOptions.Quiet)));
        return command;
    }

    private static int Run(string? kernelTree, string? fromLog, string? sinceText, string? output, string procModules, string sysfs, bool json, bool quiet)
    {
        DateTimeOffset? since = null;
        if (sinceText is not null)
        {
            if (fromLog is null)
            {
                Console.Error.WriteLine(CommandErrors.ReaderLine("learn", "--since needs --from-log FILE (it filters the audit records)"));
                return ExitCodes.UsageOrPolicyError;
            }
            if (!TimeArgument.TryParse(sinceText, DateTimeOffset.UtcNow, out var from, out var error))
            {
                Console.Error.WriteLine(CommandErrors.ReaderLine("learn", $"--since: {error}"));
                return ExitCodes.UsageOrPolicyError;
            }
            since = from;
        }
        var located = ExposureTreeLocator.Locate(kernelTree, out var problem);
        if (located is null)
        {
            Console.Error.WriteLine(CommandErrors.ReaderLine("learn", problem));
            return ExitCodes.UsageOrPolicyError;
        }

        var diagnostics = new List<KernelDiagnostic>();
        var loaded = LoadedModules.Read(procModules, diagnostics);
        var devices = DeviceModaliases.Scan(sysfs, diagnostics);
        var observations = new List<LearnObservation>();
        var inputs = new List<string> { procModules, Path.Combine(sysfs, "devices") };
        if (fromLog is not null)
        {
            var contents = AuditLogSource.Read("learn", fromLog, since, quiet, out var code);
            if (contents is null) return code;
            observations.AddRange(contents.Events.Select(AuditLogSource.ToObservation));
            inputs.Add(string.Join(", ", contents.Files) + (sinceText is null ? "" : $" since {sinceText}"));
        }
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var diagnostic in diagnostics)
            if (!quiet || diagnostic.Severity == DiagnosticSeverity.Error) Console.Error.WriteLine(diagnostic.ToString());
        if (errors.Count > 0)
        {
            Console.Error.WriteLine(CommandErrors.ReaderLine("learn", "no policy written: an input could not be read (see above)"));
            return ExitCodes.Failure;
        }

        ModuleTree tree;
        using (Progress.Start("learn", $"reading the module tree {located.ModuleDirectory}", quiet))
            tree = ModuleTree.Load(located.ModuleDirectory, located.ModprobeConfigPaths);
        if (tree.HasErrors)
        {
            foreach (var d in tree.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) Console.Error.WriteLine(d.ToString());
            return ExitCodes.UsageOrPolicyError;
        }
        LearnedPolicy learned;
        using (Progress.Start("learn", "resolving the loaded modules, devices and audit records", quiet))
            learned = new PolicyLearner(new AliasResolver(tree)).Learn(loaded, devices, observations);
        var policy = LearnedPolicyText.Render(learned, DateTimeOffset.UtcNow, inputs);
        if (!json) return PolicyOutput.WritePolicy("learn", policy, output);
        var document = new LearnJson(1, learned.KernelVersion, learned.KernelDirectory,
            [.. learned.Rules.Select(r => new LearnedRuleJson(r.Module, SourceWord(r.Source), r.Reasons))], learned.Notes, policy);
        return PolicyOutput.Write("learn", JsonSerializer.Serialize(document, LearnJsonContext.Default.LearnJson) + "\n", output);
    }

    private static string SourceWord(LearnSource source) => source switch
    {
        LearnSource.Loaded => "loaded",
        LearnSource.Hardware => "hardware",
        _ => "audit-log",
    };
}
