using Modgate.Cli.Output;
using Microsoft.Extensions.Time.Testing;
using Modgate.Cli.Tests.Golden;

namespace Modgate.Cli.Tests.Output;

/// <summary>
/// Progress of long steps: on stderr when it is a terminal (script(1) gives the command a pseudo-terminal), never in a
/// pipe or under -q. MODGATE_PROGRESS_AFTER_MS=0 shows it at once instead of after a second.
/// </summary>
public sealed class ProgressTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-progress-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Learn()
    {
        var modules = Path.Combine(_dir, "modules");
        File.WriteAllText(modules, "ext4 16384 0 - Live 0x0\n");
        return ["learn", "--kernel-tree", DebianKernel.ModuleDirectory, "--proc-modules", modules, "--sysfs", "tests/fixtures/sys/qemu-i440fx",
            "--from-log", MoreGoldenOutputTests.WriteAuditLog(_dir), "-o", Path.Combine(_dir, "learned.conf")];
    }

    private static string[] Exposure() => ["exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--json"];

    private static readonly Dictionary<string, string?> AtOnce = new() { ["MODGATE_PROGRESS_AFTER_MS"] = "0" };

    private static string OnTerminal(params string[] args)
    {
        var command = CliRunner.ShellCommand(args);
        var result = CliRunner.RunOnPseudoTerminal(AtOnce, command + " >/dev/null");
        Assert.Equal(0, result.ExitCode);
        return result.Stdout;
    }

    [Fact]
    public void A_terminal_sees_each_step_of_learn_and_then_a_clean_line()
    {
        var shown = OnTerminal(Learn());
        Assert.Contains("\rmodgate learn: reading ", shown);
        Assert.Contains("\rmodgate learn: reading the module tree", shown);
        Assert.Contains("\rmodgate learn: resolving the loaded modules, devices and audit records", shown);
        // Each line is erased when its step ends: what stays on the screen is blank.
        Assert.Equal("", shown.Split('\r').Last().Trim());
    }

    [Fact]
    public void A_terminal_sees_the_steps_of_exposure() =>
        Assert.Contains("\rmodgate exposure: resolving and judging every request", OnTerminal(Exposure()));

    [Fact]
    public void Quiet_shows_no_progress_on_a_terminal() =>
        Assert.DoesNotContain("modgate learn:", OnTerminal([.. Learn(), "-q"]));

    [Fact]
    public void A_pipe_gets_no_progress()
    {
        var learn = CliRunner.RunWith(AtOnce, Learn());
        Assert.Equal((0, ""), (learn.ExitCode, learn.Stderr));
        var exposure = CliRunner.RunWith(AtOnce, Exposure());
        Assert.Equal((0, ""), (exposure.ExitCode, exposure.Stderr));
    }

    // A fake clock drives the timer: the tests below never wait for a thread pool that parallel tests keep busy.
    private readonly FakeTimeProvider _clock = new();

    private Progress Start(StringWriter output, int width, string what, TimeSpan after) =>
        Progress.Start(output, width, what, after, _clock, _clock.GetTimestamp());

    [Fact]
    public void A_step_shows_its_bytes_and_is_erased_when_it_ends()
    {
        var output = new StringWriter();
        using (var progress = Start(output, 80, "modgate learn: reading audit.jsonl", TimeSpan.Zero))
        {
            progress.Report(310_000_000, 912_000_000);
            _clock.Advance(TimeSpan.FromMilliseconds(200));
        }
        var text = output.ToString();
        Assert.StartsWith("\rmodgate learn: reading audit.jsonl…", text);
        Assert.Contains("\rmodgate learn: reading audit.jsonl: 310.0 of 912.0 MB", text);
        Assert.EndsWith("\r" + new string(' ', "modgate learn: reading audit.jsonl: 310.0 of 912.0 MB".Length) + "\r", text);
    }

    [Fact]
    public void A_step_that_ends_before_its_time_prints_nothing()
    {
        var output = new StringWriter();
        using (var progress = Start(output, 80, "modgate exposure: reading the module tree", TimeSpan.FromSeconds(1)))
        {
            progress.Report(1, 2);
            _clock.Advance(TimeSpan.FromMilliseconds(999));
        }
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void A_step_shows_once_its_time_has_come()
    {
        var output = new StringWriter();
        using var progress = Start(output, 80, "modgate exposure: reading the module tree", TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal("", output.ToString());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("\rmodgate exposure: reading the module tree…", output.ToString());
    }

    [Fact]
    public void A_step_never_takes_more_than_the_terminal_width()
    {
        var output = new StringWriter();
        using (Start(output, 30, "modgate learn: reading the module tree /lib/modules/6.1.0-57-amd64", TimeSpan.Zero))
        {
        }
        Assert.All(output.ToString().Split('\r'), part => Assert.True(part.Length < 30, part));
    }
}
