using Modgate.Bpf;
using Modgate.Bpf.Maps;
using Modgate.Enforcement.BpfLsm;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// The audit events of the running kernel: modgate's pinned ring buffer mg_events, decoded with the system's
/// context. Opening it again after a restart picks up where the kernel is: events produced while nobody read
/// stay in the buffer until it is full, and the rest are counted in the kernel's dropped counter.
/// </summary>
public sealed class KernelAuditEventSource : IAuditEventSource
{
    private readonly BpfRingBuffer _ring;
    private readonly BpfMap? _counters;
    private readonly SystemEventContext _context;

    private KernelAuditEventSource(BpfRingBuffer ring, BpfMap? counters, SystemEventContext context)
    {
        _ring = ring;
        _counters = counters;
        _context = context;
    }

    /// <summary>Records of a size or content this build does not know (a newer kernel object): skipped, counted.</summary>
    public ulong Malformed { get; private set; }

    /// <exception cref="SyscallException">No policy applied (no pinned ring buffer), or no permission.</exception>
    public static KernelAuditEventSource Open(string? treeDirectory = null)
    {
        var ring = BpfRingBuffer.OpenPinned(BpfPins.MapPath(BpfPins.EventsMap));
        BpfMap? counters = null;
        try
        {
            counters = BpfMap.OpenPinnedReadOnly(BpfPins.MapPath(ModgateObject.Maps.Counters));
        }
        catch (SyscallException)
        {
            // no permission to read the counters: the events still flow, only the loss count is unknown
        }
        return new KernelAuditEventSource(ring, counters, new SystemEventContext(new AppliedRuleSources(), new CgroupPaths(), treeDirectory));
    }

    public int Poll(int timeoutMs, Action<AuditEvent> onEvent)
    {
        _context.Rules.Observe();
        var handed = 0;
        _ring.Poll(timeoutMs, record =>
        {
            if (KernelEventDecoder.Decode(record, _context) is { } e)
            {
                handed++;
                onEvent(e);
            }
            else Malformed++;
        });
        return handed;
    }

    public ulong KernelDropped
    {
        get
        {
            if (_counters is null) return 0;
            var key = (uint)MapConstants.CounterEventsDropped;
            return _counters.LookupPerCpu<uint, ulong>(key).Aggregate(0UL, (sum, n) => sum + n);
        }
    }

    public void Dispose()
    {
        _ring.Dispose();
        _counters?.Dispose();
    }
}
