using System.Runtime.InteropServices;
using System.Text;

namespace Modgate.Bpf.Interop;

/// <summary>
/// Routes libbpf's messages (the verifier log among them) into a per-thread buffer while a capture is open, so a
/// failed load can report them. libbpf calls back on the thread that called it.
/// </summary>
internal static unsafe class LibbpfLog
{
    private const int Info = 1, Debug = 2;

    [ThreadStatic] private static StringBuilder? _capture;
    [ThreadStatic] private static int _maxLevel;
    private static int _installed;

    /// <summary>Collects libbpf's warnings and infos (and debug messages if asked) until the returned scope is disposed.</summary>
    public static Capture Begin(bool withDebug = false)
    {
        _maxLevel = withDebug ? Debug : Info;
        if (Interlocked.Exchange(ref _installed, 1) == 0)
            LibBpf.SetPrint(&Print);
        _capture = new StringBuilder();
        return new Capture();
    }

    public readonly struct Capture : IDisposable
    {
        public string Text => _capture?.ToString() ?? "";

        public void Dispose() => _capture = null;
    }

    [UnmanagedCallersOnly]
    private static int Print(int level, byte* format, nint args)
    {
        var sink = _capture;
        if (sink is null || level > _maxLevel) return 0;
        // x86-64: a va_list argument is a pointer to a 24-byte state; copying the state is va_copy, so the
        // arguments can be read twice (once to measure, once to format).
        var copy = stackalloc byte[24];
        Buffer.MemoryCopy((void*)args, copy, 24, 24);
        var length = Libc.Vsnprintf(null, 0, format, (nint)copy);
        if (length <= 0) return 0;
        var buffer = new byte[length + 1];
        int written;
        fixed (byte* b = buffer)
            written = Libc.Vsnprintf(b, (nuint)buffer.Length, format, args);
        sink.Append(Encoding.UTF8.GetString(buffer, 0, Math.Clamp(written, 0, length)));
        return length;
    }
}
