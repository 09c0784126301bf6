using CsCheck;
using Modgate.Enforcement.Audit;
using Modgate.Policy;

namespace Modgate.Enforcement.Tests.Audit;

/// <summary>Audit records for tests: a fixed, readable one and a generator of arbitrary ones.</summary>
internal static class AuditSamples
{
    public static AuditEvent Denied(string request = "tty-ldisc-13", string module = "n_hdlc") => new(
        new DateTimeOffset(2026, 11, 25, 12, 0, 1, TimeSpan.Zero).AddTicks(1234560),
        Verb.Autoload, request, module, Origin.Autoload, AuditDecision.Deny, DecisionLayer.Rule,
        "/etc/modgate/policy.conf:7", 4242, 4242, "trigger", "/usr/bin/trigger", 1000, "/user.slice/user-1000.slice",
        CapabilitySet.None);

    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789_-"], 1, 20];
    // comm and paths come from the kernel as bytes: anything printable, quotes, backslashes, even newlines.
    private static readonly Gen<string> Text = Gen.String[Gen.Char[" abcXYZ019_-./\"\\\n\té€"], 0, 30];

    public static readonly Gen<AuditEvent> Any =
        from ticks in Gen.Long[new DateTime(2000, 1, 1).Ticks / 10, new DateTime(2100, 1, 1).Ticks / 10]
        from verb in Gen.Enum<Verb>()
        from request in Word.Null()
        from module in Word.Null()
        from origin in Gen.OneOf(Gen.Const((Origin?)null), Gen.Const((Origin?)Origin.Autoload), Gen.Const((Origin?)Origin.Explicit))
        from decision in Gen.Enum<AuditDecision>()
        from layer in Gen.Enum<DecisionLayer>()
        from rule in Text.Null()
        from pid in Gen.Int[1, int.MaxValue]
        from tgid in Gen.Int[1, int.MaxValue]
        from comm in Text
        from exe in Text.Null()
        from uid in Gen.UInt
        from cgroup in Text.Null()
        from caps in Gen.ULong[0, CapabilitySet.All.Bits]
        from reason in Text.Null()
        select new AuditEvent(new DateTimeOffset(ticks * 10, TimeSpan.Zero), verb, request, module, origin, decision, layer, rule,
            pid, tgid, comm, exe, uid, cgroup, new CapabilitySet(caps), reason);
}
