using System.Text;
using CsCheck;
using Modgate.Enforcement.Audit;

namespace Modgate.Enforcement.Tests.Audit;

public sealed class AuditRecordCodecTests
{
    [Fact]
    public void A_record_is_one_line_with_every_field_of_the_spec()
    {
        var line = Encoding.UTF8.GetString(AuditRecordCodec.ToLine(AuditSamples.Denied()));
        Assert.Equal(
            """{"schema":1,"time":"2026-11-25T12:00:01.123456Z","verb":"autoload","request":"tty-ldisc-13","module":"n_hdlc","origin":"autoload","decision":"deny","layer":"rule","rule":"/etc/modgate/policy.conf:7","pid":4242,"tgid":4242,"comm":"trigger","exe":"/usr/bin/trigger","uid":1000,"cgroup":"/user.slice/user-1000.slice","caps":[],"reason":null}""" + "\n",
            line);
    }

    [Fact]
    public void Every_record_survives_the_round_trip_and_stays_one_line()
    {
        AuditSamples.Any.Sample(e =>
        {
            var line = AuditRecordCodec.ToLine(e);
            Assert.Equal(1, line.Count(b => b == (byte)'\n'));
            var back = AuditRecordCodec.TryParse(Encoding.UTF8.GetString(line), out var error);
            Assert.Null(error);
            Assert.Equal(e, back);
        }, iter: 2000);
    }

    [Theory]
    [InlineData("""{"schema":2}""", "audit record schema 2 is not supported (this modgate reads schema 1)")]
    [InlineData("""{"schema":1,"time":"yesterday","verb":"load","decision":"deny","layer":"rule","comm":"x","caps":[]}""",
        "bad time 'yesterday' (expected yyyy-MM-dd'T'HH:mm:ss.ffffff'Z')")]
    [InlineData("""{"schema":1,"time":"2026-11-25T12:00:01.000000Z","verb":"insmod","decision":"deny","layer":"rule","comm":"x","caps":[]}""",
        "unknown verb 'insmod'")]
    [InlineData("""{"schema":1,"time":"2026-11-25T12:00:01.000000Z","verb":"load","decision":"maybe","layer":"rule","comm":"x","caps":[]}""",
        "unknown decision 'maybe'")]
    [InlineData("""{"schema":1,"time":"2026-11-25T12:00:01.000000Z","verb":"load","decision":"deny","layer":"rule","origin":"usb","comm":"x","caps":[]}""",
        "unknown origin 'usb'")]
    [InlineData("""{"schema":1,"time":"2026-11-25T12:00:01.000000Z","verb":"load","decision":"deny","layer":"rule","comm":"x","caps":["CAP_FLY"]}""",
        "unknown capability 'CAP_FLY'")]
    public void A_bad_record_says_what_is_wrong(string line, string expected)
    {
        Assert.Null(AuditRecordCodec.TryParse(line, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Text_that_is_not_JSON_is_reported_as_such()
    {
        Assert.Null(AuditRecordCodec.TryParse("hello", out var error));
        Assert.StartsWith("not a JSON audit record: ", error);
    }

    [Fact]
    public void The_message_reads_like_the_rule()
    {
        Assert.Equal("deny autoload request=tty-ldisc-13 module=n_hdlc origin=autoload by trigger[4242] uid=1000 (rule /etc/modgate/policy.conf:7)",
            AuditSamples.Denied().Message);
        var load = AuditSamples.Denied() with
        {
            Verb = Modgate.Policy.Verb.Load, Request = null, Origin = Modgate.Policy.Origin.Explicit, Decision = AuditDecision.WouldDeny,
            Layer = Modgate.Policy.DecisionLayer.Default, Rule = null, Comm = "ins\nmod",
        };
        Assert.Equal("would-deny load module=n_hdlc origin=explicit by ins\\x0amod[4242] uid=1000 (default)", load.Message);
    }
}
