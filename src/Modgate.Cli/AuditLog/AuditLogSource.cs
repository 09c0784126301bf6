using Modgate.Enforcement.Audit;
using Modgate.Kernel.Learn;

namespace Modgate.Cli.AuditLog;

/// <summary>Reads audit.jsonl (with its rotated files) for `log` and `learn --from-log`, filtered by --since.</summary>
internal static class AuditLogSource
{
    public static AuditLogContents? Read(string command, string path, DateTimeOffset? since, bool quiet, out int exitCode)
    {
        exitCode = Commands.ExitCodes.Success;
        AuditLogContents contents;
        try
        {
            using var progress = Output.Progress.Start(command, $"reading {path}", quiet);
            contents = AuditJsonlReader.ReadWithRotated(path, progress is null ? null : progress.Report);
        }
        catch (AuditLogException e)
        {
            Console.Error.WriteLine(Commands.CommandErrors.ReaderLine(command, e.Message));
            exitCode = File.Exists(path) ? Commands.ExitCodes.Failure : Commands.ExitCodes.UsageOrPolicyError;
            return null;
        }
        if (!quiet)
            foreach (var problem in contents.Problems)
                Console.Error.WriteLine($"{problem.File}:{problem.Line}: warning: {problem.Message}; line skipped");
        return since is { } from ? contents with { Events = [.. contents.Events.Where(e => e.Time >= from)] } : contents;
    }

    public static LearnObservation ToObservation(AuditEvent e) =>
        new(e.Time, e.Verb, e.Request, e.Module, e.Origin, AuditWords.Decision(e.Decision), e.Comm);
}
