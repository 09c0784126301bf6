using System.Runtime.InteropServices;
using Modgate.Bpf;

namespace Modgate.Cli.Output;

/// <summary>
/// The two libc calls that say whether a descriptor is a terminal and how wide it is. Console.WindowWidth would
/// answer too, but on Unix it first initializes .NET's terminal support (reads terminfo, switches the terminal to
/// keypad-transmit mode), which `check` would pay for at every cold start.
/// </summary>
internal static partial class TerminalInterop
{
    // TIOCGWINSZ is 0x5413 on x86-64 and on the asm-generic architectures (arm64, riscv64).
    private const nuint GetWindowSize = 0x5413;

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort PixelWidth;
        public ushort PixelHeight;
    }

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsAtty(int descriptor);

    [LibraryImport("libc", EntryPoint = "ioctl")]
    private static partial int Ioctl(int descriptor, nuint request, out WindowSize size);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int descriptor, byte* buffer, nuint count);

    public static bool IsTerminal(int descriptor) => IsAtty(descriptor) == 1;

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
                var n = Write(descriptor, start + done, (nuint)(bytes.Length - done));
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

    /// <summary>The terminal's width in columns, or null when the descriptor is no terminal or the terminal does not say.</summary>
    public static int? Columns(int descriptor) =>
        Ioctl(descriptor, GetWindowSize, out var size) == 0 && size.Columns > 0 ? size.Columns : null;
}
