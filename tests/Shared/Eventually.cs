namespace Modgate.Tests.Shared;

/// <summary>
/// Waiting for something another process or thread does (journald storing an entry, an agent reloading): poll until
/// it holds, with a generous deadline so that a loaded machine is slow rather than failing. The caller still asserts
/// on what it got: running out of time returns the last value (or throws for a condition), it never passes a test.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until DONE holds for the value read or the deadline passes; returns the last value read.</summary>
    public static T Read<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            Thread.Sleep(Interval);
        }
    }

    /// <summary>Waits until CONDITION holds; throws <see cref="TimeoutException"/> naming WHAT after the deadline.</summary>
    public static void Until(Func<bool> condition, string what)
    {
        if (!Read(condition, held => held)) throw new TimeoutException($"timed out after {Deadline.TotalSeconds} s waiting for {what}");
    }
}
