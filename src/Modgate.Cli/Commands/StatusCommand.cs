using System.CommandLine;
using System.Text.Json;
using Modgate.Bpf;
using Modgate.Cli.Json;
using Modgate.Cli.Output;
using Modgate.Enforcement.Fallback;
using Modgate.Enforcement.Status;
using Modgate.Policy;

namespace Modgate.Cli.Commands;

/// <summary>`modgate status [--pid PID]`: the enforcement level with the reason for each missing piece, the policy in force, the kernel's counters.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var pid = new Option<int?>("--pid") { Description = "Also show this process's own modes (set by modgate exec / restrict)", HelpName = "PID" };
        // Test hook: the decision the attached programs give the calling process for one request (nothing enforced or counted).
        var kernelDecision = new Option<string?>("--kernel-decision") { Hidden = true, HelpName = "VERB:NAME" };
        var origin = new Option<string>("--origin") { Hidden = true, DefaultValueFactory = _ => PolicyWords.Of(Origin.Explicit) };
        origin.AcceptOnlyFromAmong(PolicyWords.Of(Origin.Explicit), PolicyWords.Of(Origin.Autoload));
        var command = new Command("status",
            "Show how much is enforced (full, partial, none) and why, the policy in force and the per-verdict counters kept in the kernel.")
        {
            pid, kernelDecision, origin,
        };
        command.SetAction(result => result.GetValue(kernelDecision) is { } request
            ? KernelDecision.Print(request, result.GetValue(origin) == PolicyWords.Of(Origin.Autoload))
            : Run(result.GetValue(pid), result.GetValue(GlobalOptions.Json)));
        return command;
    }

    private static int Run(int? pid, bool json)
    {
        var status = StatusReader.Read();
        ProcessModeState? process = null;
        string? processError = null;
        var processErrorExit = ExitCodes.PermissionDenied;
        if (pid is { } p)
        {
            try
            {
                process = ProcessModes.Read(p);
            }
            catch (UnsupportedKernelException e)
            {
                processError = $"modes of process {p}: {e.Message}";
                processErrorExit = ExitCodes.KernelLacksFeature;
            }
            catch (SyscallException e)
            {
                processError = e.Errno == Errno.ESRCH ? $"no process {p}" : $"cannot read the modes of process {p}: {e.Message}";
            }
            catch (IOException e)
            {
                processError = $"cannot read the modes of process {p}: {e.Message}";
            }
        }

        var fallback = FallbackStatus.Read();
        var backend = fallback is not null && status.Level != EnforcementLevel.Full ? "fallback" : status.BpfBackend;
        if (json)
        {
            var output = new StatusJson(1, StatusText.Level(status.Level), backend, [.. status.Reasons, .. processError is null ? Array.Empty<string>() : [processError]],
                status.KernelRelease, [.. status.ActiveLsms],
                [.. status.Programs.Select(x => new ProgramJson(x.Program, x.Hook, x.Attached))],
                status.Policy is { } pol ? new AppliedPolicyJson(pol.Generation, pol.Digest, [.. pol.Files], pol.AppliedAt.ToString("O"),
                    pol.AutoloadMode, pol.LoadMode, pol.UnloadMode, pol.Enforcement) : null,
                status.Counters?.ToDictionary(c => c.Key, c => new CountersJson(c.Value.Allowed, c.Value.Denied, c.Value.WouldDeny, c.Value.Audited)),
                status.EventsDropped, status.CountersUnavailable,
                process is null ? null : new ProcessModesJson(process.Pid, PolicyWords.Of(process.Autoload), PolicyWords.Of(process.Load),
                    PolicyWords.Of(process.Unload), process.OriginAutoload))
            {
                Fallback = fallback is null ? null : new FallbackJson([.. FallbackReport.Enforced(fallback)], [.. fallback.NotEnforced]),
                Agent = AgentCommand.StatusJson(),
                Notes = [.. status.Notes],
            };
            Console.WriteLine(JsonSerializer.Serialize(output, EnforcementJsonContext.Default.StatusJson));
        }
        else
        {
            using var output = new FittedWriter(Console.Out, Terminal.Stdout);
            StatusText.Write(output, Terminal.Stdout,
                new StatusReport(status, backend, fallback, [.. LockCommand.StatusLines()], AgentCommand.StatusLine(), process));
        }
        if (processError is not null)
        {
            Console.Error.WriteLine(CommandErrors.Line("status", processError));
            return processError.StartsWith("no process", StringComparison.Ordinal) ? ExitCodes.UsageOrPolicyError : processErrorExit;
        }
        return ExitCodes.Success;
    }

}
