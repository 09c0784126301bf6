using System.Runtime.InteropServices;

namespace Modgate.Bpf.Interop;

internal static partial class Libc
{
    /// <summary>TIOCGWINSZ: 0x5413 on x86-64 and on the asm-generic architectures (arm64, riscv64).</summary>
    internal const nuint TIOCGWINSZ = 0x5413;

    [StructLayout(LayoutKind.Sequential)]
    internal struct WindowSize
    {
        public ushort Rows, Columns, PixelWidth, PixelHeight;
    }

    [LibraryImport(Library, EntryPoint = "ioctl")]
    internal static partial int Ioctl(int descriptor, nuint request, out WindowSize size);
}
