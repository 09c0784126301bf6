using System.CommandLine;
using System.Text;
using Modgate.Cli.AuditLog;
using Modgate.Cli.Output;
using Modgate.Enforcement.Audit;

namespace Modgate.Cli.Commands;

/// <summary>`modgate log [-f] [--since T] [--json]`: the audit records of audit.jsonl (and its rotated files).</summary>
internal static class LogCommand
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(200);

    public static Command Create()
    {
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing records as they are written (through rotations) until interrupted" };
        var since = new Option<string?>("--since") { Description = "Only records from T on (2026-11-25T12:00:00Z, 2026-11-25, or an age: 90s, 10m, 2h, 7d)", HelpName = "T" };
        var file = new Option<string>("--file")
        {
            Description = "The audit log to read",
            DefaultValueFactory = _ => AuditJsonlWriter.DefaultPath,
            HelpName = "FILE",
        };
        var journal = new Option<bool>("--journal")
        {
            Description = "Read the records from the journal (journalctl) instead of the file; the default when the file does not exist and a journal does",
        };
        var journalDirectory = new Option<string?>("--journal-directory")
        {
            Description = "With --journal: read the journal files in DIR (journalctl --directory), e.g. another machine's /var/log/journal",
            HelpName = "DIR",
        };
        var command = new Command("log",
            "Print the audit records (decisions that denied, would have denied, or matched an audit rule): a table, or with --json " +
            "the records themselves, one JSON object a line (the audit.jsonl schema). The journal holds the same records as MODGATE_* fields " +
            "(journalctl MESSAGE_ID=" + JournalFields.MessageId + ").")
        {
            follow, since, file, journal, journalDirectory,
        };
        command.SetAction(result =>
        {
            var fromJournal = result.GetValue(journal) || result.GetValue(journalDirectory) is not null;
            var source = new JournalSource(result.GetValue(journalDirectory));
            var path = result.GetValue(file)!;
            // The file is the agent's primary log; without one, the journal holds the same records.
            if (!fromJournal && result.GetResult(file) is null && !File.Exists(path) && AuditJsonlReader.RotatedFiles(path).Count == 0 && source.IsPresent)
                fromJournal = true;
            return fromJournal
                ? RunJournal(source, result.GetValue(since), result.GetValue(follow), result.GetValue(GlobalOptions.Json), result.GetValue(GlobalOptions.Quiet))
                : Run(path, result.GetValue(since), result.GetValue(follow), result.GetValue(GlobalOptions.Json), result.GetValue(GlobalOptions.Quiet));
        });
        return command;
    }

    private static bool TryParseSince(string? sinceText, out DateTimeOffset? since)
    {
        since = null;
        if (sinceText is null) return true;
        if (!TimeArgument.TryParse(sinceText, DateTimeOffset.UtcNow, out var from, out var error))
        {
            Console.Error.WriteLine(CommandErrors.ReaderLine("log", $"--since: {error}"));
            return false;
        }
        since = from;
        return true;
    }

    private static int RunJournal(JournalSource source, string? sinceText, bool follow, bool json, bool quiet)
    {
        if (!TryParseSince(sinceText, out var since)) return ExitCodes.UsageOrPolicyError;
        if (!source.IsPresent)
        {
            Console.Error.WriteLine(CommandErrors.ReaderLine("log", $"no journal to read ({source.Describe}: journalctl or the journal is missing)"));
            return ExitCodes.UsageOrPolicyError;
        }
        var output = new StreamWriter(new DescriptorStream(1), new UTF8Encoding(false)) { AutoFlush = false };
        // journalctl hands the records over one at a time: the table is fitted before the first.
        var table = AuditTable.For(Terminal.Stdout, []);
        if (!json) output.WriteLine(table.Header);
        var code = source.Read(follow,
            e =>
            {
                if (since is not null && e.Time < since) return;
                Print(output, table, e, json);
                if (follow) output.Flush();
            },
            problem =>
            {
                if (!quiet) Console.Error.WriteLine(CommandErrors.ReaderLine("log", $"{source.Describe}: warning: {problem}"));
            });
        if (!json) WriteLeftOut(output, table);
        output.Flush();
        return code == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static int Run(string path, string? sinceText, bool follow, bool json, bool quiet)
    {
        if (!TryParseSince(sinceText, out var since)) return ExitCodes.UsageOrPolicyError;
        // --follow on a log not written yet waits for it, as tail -F does: the agent creates audit.jsonl with its first
        // record, and the DaemonSet's audit container starts beside an agent that may not have written one.
        IReadOnlyList<AuditEvent> events = [];
        var readUpTo = 0L;
        if (!follow || File.Exists(path))
        {
            var contents = AuditLogSource.Read("log", path, since, quiet, out var code);
            if (contents is null) return code;
            events = contents.Events;
            readUpTo = contents.EndOffset;
        }
        var output = new StreamWriter(new DescriptorStream(1), new UTF8Encoding(false)) { AutoFlush = false };
        var table = AuditTable.For(Terminal.Stdout, json ? [] : events);
        if (!json) output.WriteLine(table.Header);
        foreach (var e in events) Print(output, table, e, json);
        if (!json) WriteLeftOut(output, table);
        output.Flush();
        if (!follow) return ExitCodes.Success;
        return Follow(output, table, path, readUpTo, since, json, quiet);
    }

    private static void Print(StreamWriter output, StreamingTable table, AuditEvent e, bool json)
    {
        if (json) output.Write(Encoding.UTF8.GetString(AuditRecordCodec.ToLine(e)));
        else output.WriteLine(table.Row(AuditTable.Cells(e)));
    }

    private static void WriteLeftOut(StreamWriter output, StreamingTable table)
    {
        if (table.LeftOut.Count == 0) return;
        var note = $"({string.Join(", ", table.LeftOut)} left out to fit {Terminal.Stdout.Width} columns; --wide or --json prints every field)";
        foreach (var line in Fitting.Wrap(note, Terminal.Stdout.Width, " ")) output.WriteLine(line);
    }

    /// <summary>
    /// Prints the records written after the first read until interrupted; rotations are followed (<see cref="AuditLogFollower"/>).
    /// It resumes where that read stopped (after its last complete line: a half-written one comes out once it is whole),
    /// not where the file ends by now: a record the agent writes in between is printed, not skipped.
    /// </summary>
    private static int Follow(StreamWriter output, StreamingTable table, string path, long offset, DateTimeOffset? since, bool json, bool quiet)
    {
        using var follower = new AuditLogFollower(path, offset);
        while (true)
        {
            var problems = new List<AuditLogProblem>();
            List<AuditEvent> events;
            try
            {
                events = follower.Poll(problems);
            }
            catch (AuditLogException e)
            {
                Console.Error.WriteLine(CommandErrors.ReaderLine("log", e.Message));
                return ExitCodes.Failure;
            }
            if (!quiet)
                foreach (var problem in problems) Console.Error.WriteLine($"{problem.File}: warning: {problem.Message}; line skipped");
            foreach (var e in events)
                if (since is null || e.Time >= since) Print(output, table, e, json);
            output.Flush();
            Thread.Sleep(FollowInterval);
        }
    }
}
