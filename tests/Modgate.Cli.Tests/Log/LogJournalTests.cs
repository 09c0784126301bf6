using System.Diagnostics;
using Modgate.Enforcement.Audit;
using Modgate.Policy;

namespace Modgate.Cli.Tests.Log;

/// <summary>
/// `modgate log --journal` against Debian's real journald in a private mount namespace (the script of the
/// Enforcement tests): records sent through the journal sink come back as the table and as JSON. Needs root.
/// </summary>
public sealed class LogJournalTests : IDisposable
{
    private readonly Process _unshare;
    private readonly int _pid;

    public LogJournalTests()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Log", "private-journald.sh");
        _unshare = Process.Start(new ProcessStartInfo("unshare", ["--mount", "--propagation", "private", "--fork", "bash", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        if (!int.TryParse(_unshare.StandardOutput.ReadLine(), out _pid))
        {
            _unshare.WaitForExit();
            throw new InvalidOperationException("private journald did not start: " + _unshare.StandardError.ReadToEnd());
        }
    }

    public void Dispose()
    {
        _unshare.Kill(entireProcessTree: true);
        _unshare.WaitForExit();
        _unshare.Dispose();
    }

    [Fact]
    public void Records_in_the_journal_are_read_back_by_log_journal()
    {
        var record = new AuditEvent(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), Verb.Load, null, "sctp", Origin.Explicit,
            AuditDecision.Deny, DecisionLayer.Default, "/etc/modgate/policy.conf:12", 77, 77, "insmod", "/usr/bin/kmod", 0, "/", CapabilitySet.All);
        using (var sink = new JournalSink($"/proc/{_pid}/root/run/systemd/journal/socket"))
            sink.Write(record);
        var directory = $"/proc/{_pid}/root/run/log/journal";
        CliResult result = new(1, "", "");
        for (var attempt = 0; attempt < 50; attempt++)
        {
            result = CliRunner.Run("log", "--journal-directory", directory, "--json");
            if (result.Stdout.Length > 0) break;
            Thread.Sleep(100);
        }
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
