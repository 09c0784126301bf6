using System.Text;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// Follows audit.jsonl as `tail -F` does: keeps the file open, hands out each complete line once, and when the
/// writer rotates (renames the file to audit.jsonl.1 and starts a new one) reads the old file to its end
/// before moving to the new one, so no record is lost or repeated across a rotation. The open file is
/// recognised by what /proc/self/fd says it is now called: sizes alone cannot tell a rotated file that
/// grew back to the same length.
/// </summary>
public sealed class AuditLogFollower(string path, long startOffset) : IDisposable
{
    private readonly string _path = Path.GetFullPath(path);
    private readonly List<byte> _partial = [];
    private FileStream? _stream;
    private long _startOffset = startOffset;
    private int _lineNumber;

    /// <summary>The records written since the last call (complete lines only), and bad lines as problems.</summary>
    public List<AuditEvent> Poll(List<AuditLogProblem> problems)
    {
        var events = new List<AuditEvent>();
        if (_stream is null && !TryOpen()) return events;
        Drain(events, problems);
        if (!IsStillThePath())
        {
            // Rotated (or removed): whatever reached the old file before the rename is read first.
            Drain(events, problems);
            _stream!.Dispose();
            _stream = null;
            _partial.Clear();
            _startOffset = 0;
            if (TryOpen()) Drain(events, problems);
        }
        return events;
    }

    private bool TryOpen()
    {
        try
        {
            _stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditLogException($"{_path}: cannot read audit log: {e.Message}");
        }
        _stream.Position = Math.Min(_startOffset, _stream.Length);
        _lineNumber = 0;
        return true;
    }

    private bool IsStillThePath()
    {
        var link = $"/proc/self/fd/{_stream!.SafeFileHandle.DangerousGetHandle()}";
        try
        {
            return File.ResolveLinkTarget(link, returnFinalTarget: false)?.FullName == _path;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void Drain(List<AuditEvent> events, List<AuditLogProblem> problems)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = _stream!.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    _partial.Add(buffer[i]);
                    continue;
                }
                _lineNumber++;
                var line = Encoding.UTF8.GetString([.. _partial]);
                _partial.Clear();
                if (line.Trim().Length == 0) continue;
                if (AuditRecordCodec.TryParse(line, out var error) is { } e) events.Add(e);
                else problems.Add(new AuditLogProblem(_path, _lineNumber, error!));
            }
        }
    }

    public void Dispose() => _stream?.Dispose();
}
