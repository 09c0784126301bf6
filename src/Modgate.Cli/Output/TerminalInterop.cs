using System.Runtime.InteropServices;

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

    public static bool IsTerminal(int descriptor) => IsAtty(descriptor) == 1;

    /// <summary>The terminal's width in columns, or null when the descriptor is no terminal or the terminal does not say.</summary>
    public static int? Columns(int descriptor) =>
        Ioctl(descriptor, GetWindowSize, out var size) == 0 && size.Columns > 0 ? size.Columns : null;
}
