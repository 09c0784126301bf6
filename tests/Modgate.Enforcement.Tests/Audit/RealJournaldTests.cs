using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Modgate.Enforcement.Audit;

namespace Modgate.Enforcement.Tests.Audit;

/// <summary>
/// The journal sink against Debian's real systemd-journald, run in a private mount namespace
/// (<see cref="PrivateJournald"/>): what journalctl reads back is what a user will see. Needs root (unshare, mount);
/// without it these tests fail with the reason, they are not skipped.
/// </summary>
public sealed class RealJournaldTests : IDisposable
{
    private readonly PrivateJournald _journald = new();

    public void Dispose() => _journald.Dispose();

    private string Socket => _journald.Socket;

    /// <summary>journalctl's JSON of the entries matching MATCH, waiting (up to the kit's deadline) for journald to store EXPECTED of them.</summary>
    private List<JsonElement> Read(string match, int expected) => Eventually.Read(() =>
    {
        var start = new ProcessStartInfo("journalctl", ["--directory", _journald.Directory, "-o", "json", "--no-pager", match])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
    }, entries => entries.Count >= expected);

    /// <summary>journalctl writes values with unprintable bytes as arrays of numbers.</summary>
    private static string Text(JsonElement entry, string field)
    {
        var value = entry.GetProperty(field);
        return value.ValueKind == JsonValueKind.Array
            ? Encoding.UTF8.GetString(value.EnumerateArray().Select(b => (byte)b.GetInt32()).ToArray())
            : value.GetString()!;
    }

    [Fact]
    public void Journald_stores_every_field_and_the_readable_message()
    {
        using var sink = new JournalSink(Socket);
        Assert.True(sink.IsAvailable);
        var record = AuditSamples.Denied(request: "net-pf-5", module: "appletalk");
        sink.Write(record);

        var entry = Assert.Single(Read("MODGATE_REQUEST=net-pf-5", 1));
        Assert.Equal(record.Message, Text(entry, "MESSAGE"));
        Assert.Equal("modgate", Text(entry, "SYSLOG_IDENTIFIER"));
        Assert.Equal(JournalFields.MessageId, Text(entry, "MESSAGE_ID"));
        foreach (var (name, value) in JournalFields.Of(record).Where(f => f.Key.StartsWith("MODGATE_")))
            Assert.Equal((name, value), (name, Text(entry, name)));
        // journald's own trusted fields say who sent it: this test process.
        Assert.Equal(Environment.ProcessId.ToString(), Text(entry, "_PID"));
    }

    [Fact]
    public void A_value_with_a_newline_arrives_whole_through_the_binary_form()
    {
        using var sink = new JournalSink(Socket);
        var record = AuditSamples.Denied(request: "fs-evil") with { Exe = "/tmp/line one\nline two" };
        sink.Write(record);
        var entry = Assert.Single(Read("MODGATE_REQUEST=fs-evil", 1));
        Assert.Equal("/tmp/line one\nline two", Text(entry, "MODGATE_EXE"));
    }

    [Fact]
    public void A_journal_entry_reads_back_as_the_record_that_was_sent()
    {
        using var sink = new JournalSink(Socket);
        var record = AuditSamples.Denied(request: "readback") with { Exe = "/tmp/two\nlines", Caps = Modgate.Policy.CapabilitySet.Of(12, 16) };
        sink.Write(record);
        var entry = Assert.Single(Read("MODGATE_REQUEST=readback", 1));
        Assert.Equal(record, JournalRecordReader.TryParse(entry.GetRawText(), out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Many_records_in_a_row_are_all_stored_in_order()
    {
        using var sink = new JournalSink(Socket);
        for (var i = 0; i < 200; i++) sink.Write(AuditSamples.Denied(request: $"burst-{i}", module: "burst"));
        var entries = Read("MODGATE_MODULE=burst", 200);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"burst-{i}"), entries.Select(e => Text(e, "MODGATE_REQUEST")));
    }
}
