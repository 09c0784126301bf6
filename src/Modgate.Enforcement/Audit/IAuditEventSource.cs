namespace Modgate.Enforcement.Audit;

/// <summary>
/// Where the agent's audit records come from: the kernel's ring buffer on a running system
/// (<c>KernelAuditEventSource</c>), a fake in unit tests of the agent's loop.
/// </summary>
public interface IAuditEventSource : IDisposable
{
    /// <summary>Waits up to <paramref name="timeoutMs"/> for events and hands each, decoded, to <paramref name="onEvent"/>.</summary>
    /// <returns>How many events were handed over.</returns>
    int Poll(int timeoutMs, Action<AuditEvent> onEvent);

    /// <summary>Events the kernel could not queue because the ring buffer was full (a kernel counter, summed over CPUs).</summary>
    ulong KernelDropped { get; }
}
