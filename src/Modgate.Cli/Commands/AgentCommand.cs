using System.CommandLine;
using System.Runtime.InteropServices;
using Modgate.Cli.Json;
using Modgate.Enforcement.Agent;
using Modgate.Enforcement.Audit;
using Modgate.Kernel;

namespace Modgate.Cli.Commands;

/// <summary>
/// `modgate agent`: the long-running service (modgate.service, Type=notify). Applies the policy, writes every audit
/// event to audit.jsonl and the journal, re-applies on policy change and after depmod; SIGTERM stops it, never the
/// enforcement (docs/audit.md).
/// </summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var auditLog = new Option<string>("--audit-log")
        {
            Description = $"Where to append audit records (rotated at 10 MiB, 5 kept; default {AuditJsonlWriter.DefaultPath})",
            DefaultValueFactory = _ => AuditJsonlWriter.DefaultPath,
            HelpName = "FILE",
        };
        var command = new Command("agent",
            "Run the modgate service: apply the policy (the --policy paths, else /etc/modgate), report readiness to systemd " +
            "(sd_notify), write each audit event to the audit log and the journal, re-apply within 2 s when a policy file " +
            "changes (a broken file keeps the policy in force) or depmod rewrites the module tree. SIGTERM stops it; " +
            "enforcement stays. State in /run/modgate/agent.json (shown by status). Needs root.")
        {
            auditLog,
        };
        command.SetAction(result => Run(result.GetValue(GlobalOptions.Policy) ?? [], result.GetValue(GlobalOptions.KernelTree),
            result.GetValue(auditLog)!));
        return command;
    }

    private static int Run(IReadOnlyList<string> paths, string? kernelTree, string auditLog)
    {
        var treeDir = kernelTree ?? ModuleTree.RunningKernelDirectory();
        using var stop = new CancellationTokenSource();
        // systemd stops the service with SIGTERM; Ctrl-C when run by hand. Both end the loops; nothing is unpinned.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var jsonl = new AuditJsonlWriter(auditLog);
        using var journal = new JournalSink();
        var settings = SystemAgent.Settings(paths, treeDir, () => KernelAuditEventSource.Open(treeDir), jsonl, journal, Console.Error);
        var failed = new ModgateAgent(settings).Run(stop.Token);
        return failed is null ? ExitCodes.Success : ApplyCommand.ExitCode(failed.Failure);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    /// <summary>The "agent:" line of `modgate status`, from the state file the agent keeps.</summary>
    /// <summary>The agent for `status --json`; null when none ran or its state file cannot be read.</summary>
    internal static AgentJson? StatusJson()
    {
        try
        {
            return AgentState.Read() is { } s
                ? new AgentJson(s.IsRunning, s.Pid, s.Started.ToString("O"), s.EventsWritten, s.EventsNotWritten, s.KernelDropped,
                    s.LastReload?.ToString("O"), s.LastReloadResult)
                : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The agent's line of `status`.</summary>
    internal static string StatusLine()
    {
        AgentState? state;
        try
        {
            state = AgentState.Read();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return $"agent: unknown ({e.Message})";
        }
        if (state is null) return "agent: not running (audit events are not written; start modgate.service)";
        var counts = $"{state.EventsWritten} audit records written, {state.EventsNotWritten} not written, " +
                     $"{state.KernelDropped} dropped by the kernel";
        var reload = state.LastReload is { } at ? $"; last reload {at:u}: {state.LastReloadResult}" : "";
        return state.IsRunning
            ? $"agent: running (pid {state.Pid}, since {state.Started:u}): {counts}{reload}"
            : $"agent: not running (pid {state.Pid}, started {state.Started:u}, is gone; it had {counts}; " +
              "events wait in the kernel's ring buffer until it is full, then are counted as dropped)";
    }
}
