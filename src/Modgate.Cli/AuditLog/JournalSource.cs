using System.Diagnostics;
using Modgate.Enforcement.Audit;

namespace Modgate.Cli.AuditLog;

/// <summary>
/// Reads modgate's records from the journal through <c>journalctl -o json MESSAGE_ID=…</c> (the journal's
/// own reader: its file format is not ours to parse), for `modgate log --journal`.
/// </summary>
internal sealed class JournalSource
{
    private readonly string? _directory;

    public JournalSource(string? directory) => _directory = directory;

    /// <summary>journalctl exists and there is a journal to read: a running journald, or the given directory.</summary>
    public bool IsPresent => FindJournalctl() is not null && (_directory is not null ? Directory.Exists(_directory) : File.Exists(JournalSink.DefaultSocket));

    public string Describe => _directory is null ? "the journal" : $"the journal in {_directory}";

    /// <summary>Runs journalctl and hands each record (or each bad entry) to the callbacks as it comes; returns journalctl's exit code.</summary>
    public int Read(bool follow, Action<AuditEvent> onRecord, Action<string> onProblem)
    {
        var journalctl = FindJournalctl();
        if (journalctl is null)
        {
            onProblem("journalctl not found: cannot read the journal");
            return 1;
        }
        var start = new ProcessStartInfo(journalctl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-o", "json", "--no-pager", "MESSAGE_ID=" + JournalFields.MessageId]) start.ArgumentList.Add(arg);
        if (_directory is not null) { start.ArgumentList.Add("--directory"); start.ArgumentList.Add(_directory); }
        if (follow) start.ArgumentList.Add("--follow");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string? line;
        var number = 0;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            number++;
            if (JournalRecordReader.TryParse(line, out var error) is { } record) onRecord(record);
            else onProblem($"journal entry {number}: {error}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0) onProblem($"journalctl failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
        return process.ExitCode;
    }

    private static string? FindJournalctl()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            var candidate = Path.Combine(directory, "journalctl");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
