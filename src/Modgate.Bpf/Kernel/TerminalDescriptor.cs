using System.Runtime.InteropServices;
using Modgate.Bpf.Interop;

namespace Modgate.Bpf.Kernel;

/// <summary>
/// Whether a descriptor is a terminal, how wide it is, and writing to it whole. Console.WindowWidth would answer too,
/// but on Unix it first initializes .NET's terminal support (reads terminfo, switches the terminal to keypad-transmit
/// mode), which `check` would pay for at every cold start.
/// </summary>
public static class TerminalDescriptor
{
    public static bool IsTerminal(int descriptor) => Libc.IsAtty(descriptor) == 1;

    /// <summary>The terminal's width in columns, or null when the descriptor is no terminal or the terminal does not say.</summary>
    public static int? Columns(int descriptor) =>
        Libc.Ioctl(descriptor, Libc.TIOCGWINSZ, out var size) == 0 && size.Columns > 0 ? size.Columns : null;

    /// <summary>
    /// write(2) until all is written: the descriptor's own offset moves, so output redirected to a file (`>`, `>>`)
    /// lands after what the shell wrote before and before what it writes next. (A FileStream on a regular file writes
    /// with pwrite at a position of its own and leaves the shared offset where it was: the shell's next write then
    /// overwrote modgate's output.) Returns 0, or the errno that stopped it.
    /// </summary>
    public static unsafe Errno WriteAll(int descriptor, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            var done = 0;
            while (done < bytes.Length)
            {
                var n = Libc.WriteDescriptor(descriptor, start + done, (nuint)(bytes.Length - done));
                if (n >= 0)
                {
                    done += (int)n;
                    continue;
                }
                var errno = (Errno)Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR) return errno; // interrupted by a signal: write the rest
            }
            return 0;
        }
    }
}
