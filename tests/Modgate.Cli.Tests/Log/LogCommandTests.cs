using System.Diagnostics;
using System.Text;
using Modgate.Enforcement.Audit;
using Modgate.Policy;

namespace Modgate.Cli.Tests.Log;

public sealed class LogCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-log-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string LogPath => Path.Combine(_dir, "audit.jsonl");

    private static AuditEvent Record(DateTimeOffset time, string module, AuditDecision decision = AuditDecision.Deny) =>
        new(time, Verb.Autoload, "tty-ldisc-13", module, Origin.Autoload, decision, DecisionLayer.Rule, "/etc/modgate/policy.conf:4",
            321, 321, "trigger", "/usr/bin/trigger", 1000, "/user.slice", CapabilitySet.None);

    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private void Write(params AuditEvent[] events)
    {
        using var writer = new AuditJsonlWriter(LogPath);
        foreach (var e in events) writer.Write(e);
    }

    [Fact]
    public void The_default_is_a_table_one_row_a_record()
    {
        Write(Record(Noon, "n_hdlc"), Record(Noon.AddSeconds(1), "n_hdlc", AuditDecision.WouldDeny) with { Verb = Verb.Load, Request = null, Origin = Origin.Explicit, Layer = DecisionLayer.Default, Rule = null });
        var result = CliRunner.Run("log", "--file", LogPath, "--wide");
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.Equal(
            """
            TIME                  DECISION    VERB      MODULE               REQUEST              ORIGIN    UID    PROCESS                  LAYER/RULE
            2026-11-25 12:00:00Z  deny        autoload  n_hdlc               tty-ldisc-13         autoload  1000   trigger[321]             /etc/modgate/policy.conf:4
            2026-11-25 12:00:01Z  would-deny  load      n_hdlc               -                    explicit  1000   trigger[321]             default

            """, result.Stdout);
    }

    [Fact]
    public void Json_prints_the_records_one_a_line_with_their_schema()
    {
        Write(Record(Noon, "n_hdlc"), Record(Noon.AddSeconds(1), "appletalk"));
        var result = CliRunner.Run("log", "--file", LogPath, "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(LogPath), result.Stdout);
        Assert.StartsWith("{\"schema\":1,", result.Stdout);
    }

    [Fact]
    public void Since_keeps_the_records_from_that_time_on_across_rotated_files()
    {
        var lineLength = AuditRecordCodec.ToLine(Record(Noon, "m0")).Length;
        using (var writer = new AuditJsonlWriter(LogPath, maxBytes: 2 * lineLength))
            for (var i = 0; i < 6; i++) writer.Write(Record(Noon.AddMinutes(i), $"m{i}"));
        Assert.True(File.Exists(LogPath + ".2"));
        var result = CliRunner.Run("log", "--file", LogPath, "--json", "--since", "2026-11-25T12:02:00Z");
        Assert.Equal(0, result.ExitCode);
        var modules = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => AuditRecordCodec.TryParse(l, out _)!.Module);
        Assert.Equal(["m2", "m3", "m4", "m5"], modules);
    }

    [Fact]
    public void A_bad_line_is_a_warning_with_file_and_line_and_the_rest_is_printed()
    {
        Write(Record(Noon, "n_hdlc"));
        File.AppendAllText(LogPath, "garbage\n");
        Write(Record(Noon, "appletalk"));
        var result = CliRunner.Run("log", "--file", LogPath, "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"{LogPath}:2: warning: not a JSON audit record: ", result.Stderr);
        Assert.EndsWith("; line skipped\n", result.Stderr);
        Assert.Equal(2, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void No_log_is_a_usage_error_that_says_who_writes_it()
    {
        var result = CliRunner.Run("log", "--file", LogPath);
        Assert.Equal((2, "", $"modgate log: {LogPath}: no audit log here (modgate agent writes it; see `modgate status`)\n"),
            (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public void A_bad_since_is_a_usage_error()
    {
        Write(Record(Noon, "n_hdlc"));
        var result = CliRunner.Run("log", "--file", LogPath, "--since", "-5m");
        Assert.Equal((2, "modgate log: --since: '-5m' is not a time: use 2026-11-25T12:00:00Z, 2026-11-25, or an age such as 90s, 10m, 2h, 7d\n"),
            (result.ExitCode, result.Stderr));
    }

    [Fact]
    public async Task Follow_prints_new_records_as_they_are_written_and_through_a_rotation()
    {
        Write(Record(Noon, "first"));
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "modgate.dll"), "log", "-f", "--json", "--file", LogPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var lines = new List<string>();
            async Task<string> NextLine()
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                return line ?? throw new InvalidOperationException("modgate log -f ended: " + process.StandardError.ReadToEnd());
            }
            Assert.Contains("\"module\":\"first\"", await NextLine());

            var lineLength = AuditRecordCodec.ToLine(Record(Noon, "first")).Length;
            using (var writer = new AuditJsonlWriter(LogPath, maxBytes: 3 * lineLength))
            {
                writer.Write(Record(Noon, "second"));
                Assert.Contains("\"module\":\"second\"", await NextLine());
                // The third fills the file; the fourth rotates it: both must still come out, in order.
                writer.Write(Record(Noon, "third"));
                writer.Write(Record(Noon, "fourth"));
            }
            Assert.True(File.Exists(LogPath + ".1"));
            Assert.Contains("\"module\":\"third\"", await NextLine());
            Assert.Contains("\"module\":\"fourth\"", await NextLine());
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Follow_waits_for_a_log_that_does_not_exist_yet()
    {
        // The DaemonSet's audit container starts `log --follow` beside an agent that creates the file with its first record.
        Assert.False(File.Exists(LogPath));
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "modgate.dll"), "log", "-f", "--json", "--file", LogPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(process.HasExited, "modgate log -f ended on a missing file: " + (process.HasExited ? process.StandardError.ReadToEnd() : ""));
            Write(Record(Noon, "first"));
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Contains("\"module\":\"first\"", line ?? "modgate log -f ended: " + process.StandardError.ReadToEnd());
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }
}
