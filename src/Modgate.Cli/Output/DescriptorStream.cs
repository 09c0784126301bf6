using Modgate.Bpf;
using Modgate.Bpf.Kernel;

namespace Modgate.Cli.Output;

/// <summary>
/// stdout or stderr written as a plain file descriptor. .NET's own console stream, on its first write to a terminal,
/// loads terminfo and sends the terminal keypad-transmit mode ("\e[?1h\e="): an escape sequence that --no-color and
/// NO_COLOR must not print, and startup work `check` need not do. Like the console stream, a reader that went away
/// (`modgate exposure | head`) ends the output quietly instead of failing the command.
/// </summary>
internal sealed class DescriptorStream : Stream
{
    private readonly int _descriptor;
    private bool _readerGone;

    public DescriptorStream(int descriptor) => _descriptor = descriptor;

    /// <summary>A UTF-8 writer (no BOM) over the descriptor that flushes each write, as Console.Out does.</summary>
    public static TextWriter Writer(int descriptor)
    {
        return new StreamWriter(new DescriptorStream(descriptor), new System.Text.UTF8Encoding(false)) { AutoFlush = true };
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
        var errno = TerminalDescriptor.WriteAll(_descriptor, buffer);
        // The reader went away (EPIPE: .NET ignores SIGPIPE, so the write fails instead) or there is none (EBADF: a
        // closed descriptor, `modgate check >&-`): what would have been written has nowhere to go.
        if (errno is Errno.EPIPE or Errno.EBADF) _readerGone = true;
        else if (errno != 0) throw new IOException($"write to descriptor {_descriptor}: errno {(int)errno}");
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

}
