using System.Text;

namespace Modgate.Enforcement.Audit;

/// <summary>A line of an audit log that is not a valid record, with where it is.</summary>
public sealed record AuditLogProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>What reading an audit log gave: the records in time order of the files, and the bad lines.</summary>
/// <param name="EndOffset">Where the read of PATH itself stopped: after its last complete line (0 when PATH was absent).
/// `log --follow` resumes exactly there, so a record written after the read is printed, and one read is not printed twice.</param>
public sealed record AuditLogContents(IReadOnlyList<AuditEvent> Events, IReadOnlyList<AuditLogProblem> Problems, IReadOnlyList<string> Files,
    long EndOffset);

/// <summary>
/// Reads audit.jsonl and its rotated predecessors (audit.jsonl.N … audit.jsonl.1, then audit.jsonl: oldest
/// first). A last line without its newline is a record still being written or cut by a crash: it is left
/// for the next read, not reported. Any other bad line is a problem with file and line; reading goes on.
/// </summary>
public static class AuditJsonlReader
{
    /// <summary>Reads PATH and every rotated file next to it. A missing PATH with no rotated files is an error.</summary>
    /// <param name="progress">Told (bytes read so far, bytes in all files) as reading goes on: a large log takes seconds.</param>
    public static AuditLogContents ReadWithRotated(string path, Action<long, long>? progress = null)
    {
        var files = RotatedFiles(path);
        if (File.Exists(path)) files.Add(path);
        if (files.Count == 0) throw new AuditLogException($"{path}: no audit log here (modgate agent writes it; see `modgate status`)");
        var events = new List<AuditEvent>();
        var problems = new List<AuditLogProblem>();
        var total = progress is null ? 0 : files.Sum(SizeOf);
        var before = 0L;
        var endOffset = 0L;
        foreach (var file in files)
        {
            var from = before;
            var end = ReadFrom(file, 0, events, problems, progress: progress is null ? null : done => progress(from + done, total));
            before += end;
            if (file == path) endOffset = end;
        }
        return new AuditLogContents(events, problems, files, endOffset);
    }

    private static long SizeOf(string file)
    {
        try
        {
            return new FileInfo(file).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Rotated files of PATH, oldest first (highest generation first).</summary>
    public static List<string> RotatedFiles(string path)
    {
        var found = new List<(int Generation, string File)>();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var prefix = Path.GetFileName(path) + ".";
        if (!Directory.Exists(directory)) return [];
        foreach (var file in Directory.EnumerateFiles(directory))
            if (Path.GetFileName(file) is var name && name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, null, out var generation) && generation > 0)
                found.Add((generation, file));
        return [.. found.OrderByDescending(f => f.Generation).Select(f => f.File)];
    }

    /// <summary>
    /// Parses the complete lines of FILE from byte OFFSET; returns the offset after the last complete line
    /// (where a follower resumes). Line numbers in problems count from OFFSET's line as 1 when OFFSET is 0.
    /// </summary>
    public static long ReadFrom(string file, long offset, List<AuditEvent> events, List<AuditLogProblem> problems, int firstLineNumber = 1,
        Action<long>? progress = null)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (offset > stream.Length) offset = 0; // truncated or replaced under us: start over
            stream.Position = offset;
            bytes = new byte[stream.Length - offset];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditLogException($"{file}: cannot read audit log: {e.Message}");
        }
        var consumed = 0;
        var number = firstLineNumber;
        while (true)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', consumed);
            if (newline < 0) break;
            var line = Encoding.UTF8.GetString(bytes, consumed, newline - consumed);
            consumed = newline + 1;
            if (line.Trim().Length > 0)
            {
                if (AuditRecordCodec.TryParse(line, out var error) is { } e) events.Add(e);
                else problems.Add(new AuditLogProblem(file, number, error!));
            }
            number++;
            progress?.Invoke(consumed);
        }
        return offset + consumed;
    }
}
