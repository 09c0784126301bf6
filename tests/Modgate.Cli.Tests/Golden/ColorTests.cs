
namespace Modgate.Cli.Tests.Golden;

/// <summary>
/// Color on a terminal, and none under --no-color, NO_COLOR or a pipe: the commands run under script(1), which
/// gives them a real pseudo-terminal as stdout and stderr.
/// </summary>
public sealed class ColorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-color-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string OnTerminal(string? noColor, params string[] args)
    {
        var command = CliRunner.ShellCommand(args);
        var result = CliRunner.RunOnPseudoTerminal(new Dictionary<string, string?>
            {
                ["NO_COLOR"] = noColor, ["TERM"] = "xterm", ["COLUMNS"] = "120",
                // Progress shown at once, so that its line is checked for escape sequences too.
                ["MODGATE_PROGRESS_AFTER_MS"] = "0",
            },
            command);
        return result.Stdout;
    }

    /// <summary>Commands that color something: open/blocked, deny/allow, errors, the enforcement level (none or partial on a build machine).</summary>
    public static TheoryData<string[]> Commands => new()
    {
        new[] { "exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--policy", "examples/modautorestrict.conf" },
        new[] { "simulate", "autoload", "tty-ldisc-13", "--uid", "1000", "--policy", "examples/modautorestrict.conf" },
        new[] { "check", "BAD" },
        new[] { "log", "--file", "LOG" },
        new[] { "status" },
    };

    /// <summary>Every command above, and those that print no color but must not print an escape sequence either.</summary>
    public static TheoryData<string[]> AllCommands
    {
        get
        {
            var all = new TheoryData<string[]>();
            foreach (var row in Commands) all.Add(row);
            all.Add(["learn", "--kernel-tree", DebianKernel.ModuleDirectory, "--proc-modules", "MODULES", "--sysfs", "tests/fixtures/sys/qemu-i440fx"]);
            all.Add(["learn", "--kernel-tree", DebianKernel.ModuleDirectory, "--proc-modules", "MODULES", "--sysfs", "tests/fixtures/sys/qemu-i440fx",
                "--from-log", "LOG", "--wide"]);
            return all;
        }
    }

    private string[] Resolve(string[] args)
    {
        var bad = Path.Combine(_dir, "bad.conf");
        File.WriteAllText(bad, "version 1\nautoload sometimes\n");
        var modules = Path.Combine(_dir, "modules");
        File.WriteAllText(modules, "ext4 16384 0 - Live 0x0\n");
        var log = MoreGoldenOutputTests.WriteAuditLog(_dir);
        return [.. args.Select(a => a switch { "BAD" => bad, "LOG" => log, "MODULES" => modules, _ => a })];
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_terminal_gets_color(string[] args) => Assert.Contains("\e[", OnTerminal(null, Resolve(args)));

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void No_color_variable_removes_every_escape_sequence(string[] args) =>
        Assert.DoesNotContain("\e", OnTerminal("1", Resolve(args)));

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void No_color_option_removes_every_escape_sequence(string[] args) =>
        Assert.DoesNotContain("\e", OnTerminal(null, [.. Resolve(args), "--no-color"]));

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void A_pipe_gets_no_escape_sequence(string[] args)
    {
        var result = CliRunner.RunWith(new Dictionary<string, string?> { ["NO_COLOR"] = null, ["TERM"] = "xterm" }, Resolve(args));
        Assert.DoesNotContain("\e", result.Stdout + result.Stderr);
    }
}
