using Modgate.Enforcement.Audit;

namespace Modgate.Enforcement.Agent;

/// <summary>
/// The agent's event loop step: drain the source and hand each record to every sink, synchronously. There is no
/// queue between the kernel and the sinks, so a burst costs no memory here: it waits in the kernel's fixed-size
/// ring buffer, and what does not fit there is counted by the kernel (<see cref="KernelDropped"/>). A sink that
/// fails (<see cref="AuditLogException"/>) never stops the loop: the record counts as not written and the message
/// is printed at most once a minute.
/// </summary>
public sealed class AuditEventPump(IAuditEventSource source, IReadOnlyList<Action<AuditEvent>> sinks, ThrottledMessage errors)
{
    public const int PollTimeoutMs = 500;

    private long _written;
    private long _notWritten;
    private long _kernelDropped = (long)source.KernelDropped; // known from the start, before the first poll

    /// <summary>Records every sink took.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Records at least one sink failed to take.</summary>
    public long NotWritten => Interlocked.Read(ref _notWritten);

    /// <summary>The kernel's count of records lost because the ring buffer was full (since boot).</summary>
    public ulong KernelDropped => (ulong)Interlocked.Read(ref _kernelDropped);

    /// <summary>One poll: waits up to <see cref="PollTimeoutMs"/> and writes what came.</summary>
    public int PollOnce()
    {
        var count = source.Poll(PollTimeoutMs, Write);
        Interlocked.Exchange(ref _kernelDropped, (long)source.KernelDropped);
        return count;
    }

    private void Write(AuditEvent e)
    {
        var ok = true;
        foreach (var sink in sinks)
        {
            try
            {
                sink(e);
            }
            catch (AuditLogException failure)
            {
                ok = false;
                errors.Report($"modgate: agent: {failure.Message}; audit record not written");
            }
        }
        Interlocked.Increment(ref ok ? ref _written : ref _notWritten);
    }
}
