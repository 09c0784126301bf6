namespace Modgate.Cli.Output;

/// <summary>
/// One line on stderr that says what a long command is doing ("modgate learn: reading the audit log: 310 of 912 MB"),
/// rewritten in place and erased when the step ends. Only on a terminal (a pipe, a file or -q get nothing, so scripts
/// and logs never see it) and only once the command has run for over a second, so a quick run prints nothing.
/// It moves the cursor with '\r' alone, no escape sequence, so NO_COLOR and TERM=dumb terminals read it as well.
/// </summary>
internal sealed class Progress : IDisposable
{
    /// <summary>How long a command runs before it shows progress. MODGATE_PROGRESS_AFTER_MS overrides it (tests: 0).</summary>
    public static readonly TimeSpan After = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly TextWriter _output;
    private readonly int _width;
    private readonly string _what;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private long _done = -1;
    private long _total;
    private int _shownLength;
    private bool _ended;

    private Progress(TextWriter output, int width, string what, TimeSpan after, TimeProvider time, long started)
    {
        _output = output;
        _width = width;
        _what = what;
        var due = after - time.GetElapsedTime(started);
        _timer = time.CreateTimer(_ => Show(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (due <= TimeSpan.Zero) Show();
        _timer.Change(due <= TimeSpan.Zero ? Interval : due, Interval);
    }

    /// <summary>Progress of "COMMAND: WHAT" on stderr when it is a terminal and not --quiet; else a step that prints nothing.</summary>
    public static Progress? Start(string command, string what, bool quiet)
    {
        if (quiet || !Terminal.Stderr.IsTerminal) return null;
        return Start(Console.Error, Terminal.Stderr.Width, Commands.CommandErrors.ReaderLine(command, what), AfterFromEnvironment(), TimeProvider.System, Terminal.Started);
    }

    /// <summary>The same on any writer and clock: tests pass a fake clock, so no test waits on a timer thread.</summary>
    internal static Progress Start(TextWriter output, int width, string what, TimeSpan after, TimeProvider time, long started) =>
        new(output, width, what, after, time, started);

    /// <summary>DONE of TOTAL bytes so far (shown in MB).</summary>
    public void Report(long done, long total)
    {
        Interlocked.Exchange(ref _total, total);
        Interlocked.Exchange(ref _done, done);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _ended = true;
            _timer.Dispose();
            if (_shownLength > 0) _output.Write("\r" + new string(' ', _shownLength) + "\r");
        }
    }

    private void Show()
    {
        lock (_lock)
        {
            if (_ended) return;
            var done = Interlocked.Read(ref _done);
            var text = done < 0 ? _what + "…" : $"{_what}: {Megabytes(done)} of {Megabytes(Interlocked.Read(ref _total))} MB";
            // The cursor stays after the text: one column is left so the terminal never wraps to a new line.
            text = Fitting.Truncate(text, Math.Max(1, _width - 1));
            _output.Write("\r" + text + new string(' ', Math.Max(0, _shownLength - text.Length)));
            _shownLength = Math.Max(_shownLength, text.Length);
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.0");

    private static TimeSpan AfterFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("MODGATE_PROGRESS_AFTER_MS"), out var ms) && ms >= 0 ? TimeSpan.FromMilliseconds(ms) : After;
}
