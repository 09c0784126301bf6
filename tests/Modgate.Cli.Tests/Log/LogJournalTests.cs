using Modgate.Enforcement.Audit;
using Modgate.Policy;

namespace Modgate.Cli.Tests.Log;

/// <summary>
/// `modgate log --journal` against Debian's real journald in a private mount namespace (<see cref="PrivateJournald"/>,
/// as the Enforcement tests run it): records sent through the journal sink come back as the table and as JSON. Needs root.
/// </summary>
public sealed class LogJournalTests : IDisposable
{
    private readonly PrivateJournald _journald = new();

    public void Dispose() => _journald.Dispose();

    [Fact]
    public void Records_in_the_journal_are_read_back_by_log_journal()
    {
        var record = new AuditEvent(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), Verb.Load, null, "sctp", Origin.Explicit,
            AuditDecision.Deny, DecisionLayer.Default, "/etc/modgate/policy.conf:12", 77, 77, "insmod", "/usr/bin/kmod", 0, "/", CapabilitySet.All);
        using (var sink = new JournalSink(_journald.Socket))
            sink.Write(record);
        var directory = _journald.Directory;
        var result = Eventually.Read(() => CliRunner.Run("log", "--journal-directory", directory, "--json"), r => r.Stdout.Length > 0);
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(AuditRecordCodec.ToLine(record)), result.Stdout);

        var table = CliRunner.Run("log", "--journal-directory", directory, "--wide");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("2026-11-25 12:00:00Z  deny        load      sctp                 -                    explicit  0      insmod[77]               default /etc/modgate/policy.conf:12", table.Stdout);
    }

    [Fact]
    public void No_journal_is_a_usage_error()
    {
        var result = CliRunner.Run("log", "--journal-directory", "/nonexistent/journal");
        Assert.Equal((2, "modgate log: no journal to read (the journal in /nonexistent/journal: journalctl or the journal is missing)\n"),
            (result.ExitCode, result.Stderr));
    }
}
