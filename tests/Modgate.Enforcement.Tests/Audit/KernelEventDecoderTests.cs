using System.Runtime.InteropServices;
using System.Text;
using Modgate.Bpf.Maps;
using Modgate.Enforcement.Audit;
using Modgate.Policy;

namespace Modgate.Enforcement.Tests.Audit;

public class KernelEventDecoderTests
{
    private sealed class FakeContext : IEventContext
    {
        public List<(uint Generation, Verb Verb, DecisionLayer Layer, int Rule)> RuleQueries { get; } = [];

        public DateTimeOffset TimeOf(ulong bootNs) => DateTimeOffset.UnixEpoch.AddTicks((long)(bootNs / 100));

        public string? RuleOf(uint generation, Verb verb, DecisionLayer layer, int ruleIndex)
        {
            RuleQueries.Add((generation, verb, layer, ruleIndex));
            return layer == DecisionLayer.Rule ? $"/etc/modgate/policy.conf:{ruleIndex + 10}" : null;
        }

        public string? ModuleOf(string request) => request == "tty-ldisc-13" ? "n_hdlc" : null;

        public string? CgroupOf(ulong cgroupId) => cgroupId == 77 ? "/user.slice" : null;

        public string? ExeOf(int tgid, string basename) => "/usr/bin/" + basename;
    }

    private static byte[] Bytes(MgEvent e)
    {
        var bytes = new byte[Marshal.SizeOf<MgEvent>()];
        MemoryMarshal.Write(bytes, in e);
        return bytes;
    }

    private static MgEvent Event(byte verb, byte decision, byte layer, uint rule, uint auditRule = 0)
    {
        var e = new MgEvent
        {
            BootNs = 5_000_000_000, CgroupId = 77, Caps = 1UL << 12, Pid = 4321, Tgid = 4320, Uid = 1000, Generation = 3,
            Rule = rule, AuditRule = auditRule, Verb = verb, Origin = (byte)KernelOrigin.Autoload, Decision = decision, Layer = layer,
        };
        Encoding.UTF8.GetBytes("tty-ldisc-13", e.Request);
        Encoding.UTF8.GetBytes("trigger", e.Comm);
        Encoding.UTF8.GetBytes("trigger", e.Exe);
        return e;
    }

    [Fact]
    public void A_denied_autoload_carries_every_field_of_the_record()
    {
        var context = new FakeContext();
        var e = KernelEventDecoder.Decode(Bytes(Event(0, (byte)KernelEventDecision.Deny, 2, rule: 5)), context)!;

        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(5), e.Time);
        Assert.Equal(Verb.Autoload, e.Verb);
        Assert.Equal("tty-ldisc-13", e.Request);
        Assert.Equal("n_hdlc", e.Module);
        Assert.Equal(Origin.Autoload, e.Origin);
        Assert.Equal(AuditDecision.Deny, e.Decision);
        Assert.Equal(DecisionLayer.Rule, e.Layer);
        Assert.Equal("/etc/modgate/policy.conf:14", e.Rule); // kernel rule 5 = index 4
        Assert.Equal((3u, Verb.Autoload, DecisionLayer.Rule, 4), Assert.Single(context.RuleQueries));
        Assert.Equal((4321, 4320, 1000u), (e.Pid, e.Tgid, e.Uid));
        Assert.Equal("trigger", e.Comm);
        Assert.Equal("/usr/bin/trigger", e.Exe);
        Assert.Equal("/user.slice", e.Cgroup);
        Assert.Equal(["CAP_NET_ADMIN"], e.Caps.ToNames());
    }

    [Fact]
    public void Would_deny_is_its_own_decision_and_an_allowed_event_names_its_audit_rule()
    {
        var context = new FakeContext();
        var wouldDeny = KernelEventDecoder.Decode(Bytes(Event(0, (byte)KernelEventDecision.WouldDeny, 1, rule: 0)), context)!;
        Assert.Equal(AuditDecision.WouldDeny, wouldDeny.Decision);
        Assert.Equal(DecisionLayer.GlobalMode, wouldDeny.Layer);
        Assert.Null(wouldDeny.Rule);

        var audited = KernelEventDecoder.Decode(Bytes(Event(0, (byte)KernelEventDecision.Allow, 3, rule: 0, auditRule: 2)), context)!;
        Assert.Equal(AuditDecision.Allow, audited.Decision);
        Assert.Equal(DecisionLayer.Default, audited.Layer);
        Assert.Equal("/etc/modgate/policy.conf:11", audited.Rule);
    }

    [Fact]
    public void Load_and_unload_take_the_module_from_the_kernel_and_unload_has_no_origin()
    {
        var load = Event(1, (byte)KernelEventDecision.Deny, 2, rule: 1);
        load.Request = default;
        Encoding.UTF8.GetBytes("dccp", load.Module);
        load.Origin = 2;
        var decodedLoad = KernelEventDecoder.Decode(Bytes(load), new FakeContext())!;
        Assert.Equal((Verb.Load, (string?)null, "dccp", (Origin?)Origin.Explicit), (decodedLoad.Verb, decodedLoad.Request, decodedLoad.Module, decodedLoad.Origin));

        var unload = load;
        unload.Verb = 2;
        unload.Origin = 0;
        var decodedUnload = KernelEventDecoder.Decode(Bytes(unload), new FakeContext())!;
        Assert.Equal((Verb.Unload, "dccp", (Origin?)null), (decodedUnload.Verb, decodedUnload.Module, decodedUnload.Origin));
    }

    [Fact]
    public void A_short_or_unknown_record_is_refused_not_guessed()
    {
        var bytes = Bytes(Event(0, (byte)KernelEventDecision.Deny, 2, rule: 1));
        Assert.Null(KernelEventDecoder.Decode(bytes.AsSpan(0, bytes.Length - 1), new FakeContext()));
        Assert.Null(KernelEventDecoder.Decode(Bytes(Event(3, (byte)KernelEventDecision.Deny, 2, rule: 1)), new FakeContext()));
        Assert.Null(KernelEventDecoder.Decode(Bytes(Event(0, 3, 2, rule: 1)), new FakeContext()));
        Assert.Null(KernelEventDecoder.Decode(Bytes(Event(0, (byte)KernelEventDecision.Deny, 4, rule: 1)), new FakeContext()));
    }
}
