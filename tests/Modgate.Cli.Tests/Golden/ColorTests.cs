using Modgate.Kernel.Tests;

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
        var command = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "modgate.dll") }.Concat(args).Select(Quote));
        var result = CliRunner.RunWithProgram("script", new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = "xterm", ["COLUMNS"] = "120" },
            "-q", "-e", "-c", command, "/dev/null");
        return result.Stdout;
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--policy", "examples/modautorestrict.conf" },
        new[] { "simulate", "autoload", "tty-ldisc-13", "--uid", "1000", "--policy", "examples/modautorestrict.conf" },
        new[] { "check", "BAD" },
    };

    private string[] Resolve(string[] args)
    {
        var bad = Path.Combine(_dir, "bad.conf");
        File.WriteAllText(bad, "version 1\nautoload sometimes\n");
        return [.. args.Select(a => a == "BAD" ? bad : a)];
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_terminal_gets_color(string[] args) => Assert.Contains("\e[", OnTerminal(null, Resolve(args)));

    [Theory]
    [MemberData(nameof(Commands))]
    public void No_color_variable_removes_every_escape_sequence(string[] args) =>
        Assert.DoesNotContain("\e", OnTerminal("1", Resolve(args)));

    [Theory]
    [MemberData(nameof(Commands))]
    public void No_color_option_removes_every_escape_sequence(string[] args) =>
        Assert.DoesNotContain("\e", OnTerminal(null, [.. Resolve(args), "--no-color"]));

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_pipe_gets_no_escape_sequence(string[] args)
    {
        var result = CliRunner.RunWith(new Dictionary<string, string?> { ["NO_COLOR"] = null, ["TERM"] = "xterm" }, Resolve(args));
        Assert.DoesNotContain("\e", result.Stdout + result.Stderr);
    }
}
