using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Modgate.Bpf;
using Modgate.Bpf.Kernel;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// Appends audit records to audit.jsonl, one JSON object a line. Each line goes out in one write(2) on an
/// O_APPEND descriptor, so a concurrent reader (or a second writer) sees whole lines only; a short write
/// (disk full) is cut back off so no half line stays. When a line would take the file past
/// <see cref="MaxBytes"/>, the file is rotated first: audit.jsonl → audit.jsonl.1 → … → audit.jsonl.N,
/// the oldest dropped, so a line never straddles two files.
/// </summary>
public sealed class AuditJsonlWriter : IDisposable
{
    public const string DefaultPath = "/var/log/modgate/audit.jsonl";
    public const long DefaultMaxBytes = 10L * 1024 * 1024;
    public const int DefaultKeep = 5;

    private SafeFileHandle? _file;
    private long _size;

    public AuditJsonlWriter(string path, long maxBytes = DefaultMaxBytes, int keep = DefaultKeep)
    {
        if (maxBytes <= 0) throw new ArgumentOutOfRangeException(nameof(maxBytes), "the rotation size must be positive");
        if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep), "at least one rotated file is kept");
        Path = path;
        MaxBytes = maxBytes;
        Keep = keep;
    }

    public string Path { get; }
    public long MaxBytes { get; }
    public int Keep { get; }

    /// <summary>The rotated file of a given generation (1 = the newest rotated).</summary>
    public static string RotatedPath(string path, int generation) => $"{path}.{generation}";

    public void Write(AuditEvent e) => WriteLine(AuditRecordCodec.ToLine(e));

    /// <summary>Appends one complete line (it must end with '\n' and hold no other newline).</summary>
    internal void WriteLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line[^1] != (byte)'\n' || line[..^1].Contains((byte)'\n'))
            throw new ArgumentException("an audit line is one line ending in a newline", nameof(line));
        var file = OpenIfNeeded();
        if (_size > 0 && _size + line.Length > MaxBytes)
        {
            Rotate();
            file = OpenIfNeeded();
        }
        var before = RandomAccess.GetLength(file);
        var written = AppendOnlyFile.Append(file, line);
        if (written == line.Length)
        {
            _size = before + line.Length;
            return;
        }
        var errno = Marshal.GetLastPInvokeError();
        if (written > 0)
        {
            // Only this writer appends (the agent), so the file ended at `before`: cut the partial line off.
            RandomAccess.SetLength(file, before);
        }
        throw new AuditLogException(written < 0
            ? $"{Path}: cannot append audit record: {Marshal.GetPInvokeErrorMessage(errno)}"
            : $"{Path}: cannot append audit record: short write ({written} of {line.Length} bytes, removed again)");
    }

    private SafeFileHandle OpenIfNeeded()
    {
        if (_file is { IsInvalid: false, IsClosed: false }) return _file;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        try
        {
            if (directory is not null) Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditLogException($"{Path}: cannot create the audit log's directory: {e.Message}");
        }
        try
        {
            _file = AppendOnlyFile.Open(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }
        catch (SyscallException e)
        {
            throw new AuditLogException($"{Path}: cannot open audit log: {Marshal.GetPInvokeErrorMessage((int)e.Errno)}");
        }
        _size = RandomAccess.GetLength(_file);
        return _file;
    }

    private void Rotate()
    {
        try
        {
            ShiftRotatedFiles();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditLogException($"{Path}: cannot rotate the audit log: {e.Message}");
        }
    }

    private void ShiftRotatedFiles()
    {
        _file?.Dispose();
        _file = null;
        var oldest = RotatedPath(Path, Keep);
        if (File.Exists(oldest)) File.Delete(oldest);
        for (var generation = Keep - 1; generation >= 1; generation--)
        {
            var from = RotatedPath(Path, generation);
            if (File.Exists(from)) File.Move(from, RotatedPath(Path, generation + 1));
        }
        // rename(2) is atomic: a reader has the old file or the new one, each made of whole lines.
        File.Move(Path, RotatedPath(Path, 1));
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }
}
