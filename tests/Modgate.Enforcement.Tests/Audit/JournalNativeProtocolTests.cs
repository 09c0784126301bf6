using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Modgate.Enforcement.Audit;

namespace Modgate.Enforcement.Tests.Audit;

public sealed class JournalNativeProtocolTests
{
    /// <summary>The receiving side of the protocol, as journald parses a datagram (journald-native.c).</summary>
    internal static List<KeyValuePair<string, string>> Decode(byte[] datagram)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var at = 0;
        while (at < datagram.Length)
        {
            var end = Array.IndexOf(datagram, (byte)'\n', at);
            var equals = Array.IndexOf(datagram, (byte)'=', at, end - at);
            if (equals >= 0)
            {
                fields.Add(new(Encoding.ASCII.GetString(datagram, at, equals - at), Encoding.UTF8.GetString(datagram, equals + 1, end - equals - 1)));
                at = end + 1;
                continue;
            }
            var name = Encoding.ASCII.GetString(datagram, at, end - at);
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(datagram.AsSpan(end + 1, 8));
            fields.Add(new(name, Encoding.UTF8.GetString(datagram, end + 9, length)));
            Assert.Equal((byte)'\n', datagram[end + 9 + length]);
            at = end + 10 + length;
        }
        return fields;
    }

    [Fact]
    public void Plain_values_are_NAME_equals_value_and_values_with_newlines_use_the_length_form()
    {
        var bytes = JournalNativeProtocol.Encode([new("MESSAGE", "hi"), new("MODGATE_EXE", "/tmp/a\nb")]);
        byte[] expected = [.. "MESSAGE=hi\nMODGATE_EXE\n"u8, 8, 0, 0, 0, 0, 0, 0, 0, .. "/tmp/a\nb\n"u8];
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("_PID")]
    [InlineData("modgate_verb")]
    [InlineData("1ABC")]
    [InlineData("")]
    [InlineData("A=B")]
    public void Names_journald_would_drop_are_refused(string name)
    {
        Assert.False(JournalNativeProtocol.IsValidFieldName(name));
        Assert.Throws<ArgumentException>(() => JournalNativeProtocol.Encode([new(name, "x")]));
    }

    [Fact]
    public void An_audit_record_has_every_field_of_the_spec_as_MODGATE_fields()
    {
        var fields = JournalFields.Of(AuditSamples.Denied()).ToDictionary();
        Assert.Equal("deny autoload request=tty-ldisc-13 module=n_hdlc origin=autoload by trigger[4242] uid=1000 (rule /etc/modgate/policy.conf:7)",
            fields["MESSAGE"]);
        Assert.Equal("4", fields["PRIORITY"]);
        Assert.Equal(
            ["MODGATE_TIME", "MODGATE_VERB", "MODGATE_REQUEST", "MODGATE_MODULE", "MODGATE_ORIGIN", "MODGATE_DECISION", "MODGATE_LAYER",
             "MODGATE_RULE", "MODGATE_PID", "MODGATE_TGID", "MODGATE_COMM", "MODGATE_EXE", "MODGATE_UID", "MODGATE_CGROUP", "MODGATE_CAPS"],
            fields.Keys.Where(k => k.StartsWith("MODGATE_")));
        Assert.Equal(("autoload", "deny", "rule", "1000", ""),
            (fields["MODGATE_VERB"], fields["MODGATE_DECISION"], fields["MODGATE_LAYER"], fields["MODGATE_UID"], fields["MODGATE_CAPS"]));
    }

    [Fact]
    public void The_sink_sends_one_datagram_a_record_to_a_real_unix_socket()
    {
        var dir = Directory.CreateTempSubdirectory("modgate-journal-").FullName;
        try
        {
            var path = Path.Combine(dir, "socket");
            using var server = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            server.Bind(new UnixDomainSocketEndPoint(path));
            using var sink = new JournalSink(path);
            Assert.True(sink.IsAvailable);
            var record = AuditSamples.Denied() with { Exe = "/tmp/evil\nname", Comm = "modprobe" };
            sink.Write(record);
            var buffer = new byte[65536];
            var received = server.Receive(buffer);
            var fields = Decode(buffer[..received]).ToDictionary();
            Assert.Equal("/tmp/evil\nname", fields["MODGATE_EXE"]);
            Assert.Equal("modprobe", fields["MODGATE_COMM"]);
            Assert.Equal(JournalFields.Of(record), Decode(buffer[..received]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void No_journald_means_not_available_and_a_send_is_an_error_naming_the_socket()
    {
        using var sink = new JournalSink("/nonexistent/journal/socket");
        Assert.False(sink.IsAvailable);
        var error = Assert.Throws<AuditLogException>(() => sink.Write(AuditSamples.Denied()));
        Assert.StartsWith("/nonexistent/journal/socket: cannot send audit record to the journal: ", error.Message);
    }
}
