using Modgate.Enforcement.Audit;

namespace Modgate.Enforcement.Tests.Audit;

public sealed class JournalRecordReaderTests
{
    [Fact]
    public void Values_journalctl_writes_as_byte_arrays_are_read_too()
    {
        var line = """{"MESSAGE":"x","MODGATE_TIME":"2026-11-25T12:00:01.123456Z","MODGATE_VERB":"autoload","MODGATE_REQUEST":"tty-ldisc-13","MODGATE_MODULE":"n_hdlc","MODGATE_ORIGIN":"autoload","MODGATE_DECISION":"deny","MODGATE_LAYER":"rule","MODGATE_RULE":"/etc/modgate/policy.conf:7","MODGATE_PID":"4242","MODGATE_TGID":"4242","MODGATE_COMM":[116,114,105,103,103,101,114],"MODGATE_EXE":"/usr/bin/trigger","MODGATE_UID":"1000","MODGATE_CGROUP":"/user.slice/user-1000.slice","MODGATE_CAPS":""}""";
        Assert.Equal(AuditSamples.Denied(), JournalRecordReader.TryParse(line, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void An_entry_without_the_modgate_fields_says_what_is_missing()
    {
        Assert.Null(JournalRecordReader.TryParse("""{"MESSAGE":"hello","MODGATE_TIME":"2026-11-25T12:00:01.000000Z"}""", out var error));
        Assert.Equal("unknown verb ''", error);
        Assert.Null(JournalRecordReader.TryParse("[", out error));
        Assert.StartsWith("not a journalctl JSON entry: ", error);
    }
}
