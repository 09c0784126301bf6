namespace Modgate.Enforcement.Agent;

/// <summary>
/// Prints a recurring error at most once per interval, with how many were held back since the last print: a full
/// disk would otherwise turn every audit event into a line on stderr (and so into the journal).
/// </summary>
public sealed class ThrottledMessage(TextWriter output, TimeProvider time, TimeSpan interval)
{
    private readonly object _gate = new();
    private DateTimeOffset? _last;
    private long _heldBack;

    public void Report(string message)
    {
        lock (_gate) ReportLocked(message);
    }

    private void ReportLocked(string message)
    {
        var now = time.GetUtcNow();
        if (_last is { } last && now - last < interval)
        {
            _heldBack++;
            return;
        }
        output.WriteLine(_heldBack == 0 ? message : $"{message} ({_heldBack} more such errors since the last report)");
        _last = now;
        _heldBack = 0;
    }
}
