using Modgate.Enforcement.Agent;
using Modgate.Enforcement.Audit;
using Modgate.Enforcement.Tests.Audit;

namespace Modgate.Enforcement.Tests.Agent;

public sealed class AuditEventPumpTests : IDisposable
{
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _log = new();

    public void Dispose() => _log.Dispose();

    [Fact]
    public void Every_record_goes_to_every_sink_in_order_and_the_kernel_loss_is_taken_from_the_source()
    {
        var source = new FakeEventSource { KernelDropped = 17 };
        var first = new List<AuditEvent>();
        var second = new List<AuditEvent>();
        var pump = new AuditEventPump(source, [first.Add, second.Add], new ThrottledMessage(_log, _time, TimeSpan.FromMinutes(1)));
        var records = Enumerable.Range(0, 3).Select(i => AuditSamples.Denied($"tty-ldisc-{i}")).ToArray();
        source.Emit(records);

        Assert.Equal(3, pump.PollOnce());

        Assert.Equal(records, first);
        Assert.Equal(records, second);
        Assert.Equal((3L, 0L, 17UL), (pump.Written, pump.NotWritten, pump.KernelDropped));
        Assert.Equal("", _log.ToString());
    }

    [Fact]
    public void The_kernel_loss_is_known_before_the_first_poll()
    {
        var pump = new AuditEventPump(new FakeEventSource { KernelDropped = 6145 }, [], new ThrottledMessage(_log, _time, TimeSpan.FromMinutes(1)));
        Assert.Equal(6145UL, pump.KernelDropped);
    }

    [Fact]
    public void A_failing_sink_never_stops_the_loop_counts_the_records_and_reports_once_a_minute()
    {
        var source = new FakeEventSource();
        var journal = new List<AuditEvent>();
        var failing = true;
        void Jsonl(AuditEvent e)
        {
            if (failing) throw new AuditLogException("/var/log/modgate/audit.jsonl: cannot append audit record: No space left on device");
        }
        var pump = new AuditEventPump(source, [Jsonl, journal.Add], new ThrottledMessage(_log, _time, TimeSpan.FromMinutes(1)));

        source.Emit([.. Enumerable.Range(0, 5).Select(_ => AuditSamples.Denied())]);
        pump.PollOnce();
        _time.Now = _time.Now.AddSeconds(61);
        source.Emit(AuditSamples.Denied());
        pump.PollOnce();
        failing = false;
        source.Emit(AuditSamples.Denied());
        pump.PollOnce();

        Assert.Equal((1L, 6L), (pump.Written, pump.NotWritten));
        Assert.Equal(7, journal.Count); // the other sink still got every record
        const string Message = "modgate: agent: /var/log/modgate/audit.jsonl: cannot append audit record: No space left on device; audit record not written";
        Assert.Equal([Message, Message + " (4 more such errors since the last report)"],
            _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
