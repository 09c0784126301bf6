using Microsoft.Win32.SafeHandles;

namespace Modgate.Cli.Output;

/// <summary>
/// stdout or stderr written as a plain file descriptor. .NET's own console stream, on its first write to a terminal,
/// loads terminfo and sends the terminal keypad-transmit mode ("\e[?1h\e="): an escape sequence that --no-color and
/// NO_COLOR must not print, and startup work `check` need not do. Like the console stream, a reader that went away
/// (`modgate exposure | head`) ends the output quietly instead of failing the command.
/// </summary>
internal sealed class DescriptorStream : Stream
{
    private const int BrokenPipe = 32;   // EPIPE: .NET ignores SIGPIPE, so the write fails with this instead
    private readonly FileStream _file;
    private bool _readerGone;

    public DescriptorStream(int descriptor) =>
        _file = new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);

    /// <summary>A UTF-8 writer (no BOM) over the descriptor that flushes each write, as Console.Out does.</summary>
    public static TextWriter Writer(int descriptor)
    {
        try
        {
            return new StreamWriter(new DescriptorStream(descriptor), new System.Text.UTF8Encoding(false)) { AutoFlush = true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A closed descriptor (`modgate check >&-`): what would have been written has nowhere to go.
            return TextWriter.Null;
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_readerGone) return;
        try
        {
            _file.Write(buffer);
        }
        catch (IOException e) when (e.HResult == BrokenPipe)
        {
            _readerGone = true;
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }
}
