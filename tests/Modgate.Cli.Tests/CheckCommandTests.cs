using System.Text.Json;

namespace Modgate.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("modautorestrict.conf")]
    [InlineData("timgad.conf")]
    [InlineData("loadpol-allowlist.conf")]
    [InlineData("desktop.conf")]
    [InlineData("server.conf")]
    [InlineData("container-host.conf")]
    public void Every_example_is_valid_without_warnings(string example)
    {
        var result = CliRunner.Run("check", $"examples/{example}");
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.StartsWith("policy ok: 1 file, ", result.Stdout);
    }

    [Fact]
    public void Errors_are_printed_with_position_and_exit_2()
    {
        var path = Write("bad.conf", "autoload sometimes\nload privileged\ndeny uid=5-2\n");
        var result = CliRunner.Run("check", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"""
            {path}:1:10: error: invalid autoload mode 'sometimes' (expected classic, privileged or off)
            autoload sometimes
                     ^
            {path}:2:6: error: 'load privileged' is not a mode: the kernel already requires CAP_SYS_MODULE for every explicit load; use 'load classic' or 'load off'
            load privileged
                 ^
            {path}:3:10: error: uid range 5-2 is empty: the first uid must not be greater than the last
            deny uid=5-2
                     ^
            3 errors, 0 warnings: policy not valid

            """, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Warnings_do_not_fail_the_check()
    {
        var path = Write("warn.conf", "deny module=*\nallow module=ext4\n");
        var result = CliRunner.Run("check", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{path}:2:1: warning: rule can never match: the rule at {path}:1:1 already decides every request it matches\n" +
                     "allow module=ext4\n^\n", result.Stderr);
    }

    [Fact]
    public void The_caret_keeps_the_tabs_of_the_line_so_it_lines_up()
    {
        var path = Write("tabs.conf", "\tdeny\tuid=5-2\n");
        var result = CliRunner.Run("check", path);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{path}:1:11: error: uid range 5-2 is empty: the first uid must not be greater than the last\n" +
                          "\tdeny\tuid=5-2\n\t    \t    ^\n", result.Stderr);
    }

    [Fact]
    public void Json_lists_diagnostics_with_positions()
    {
        var path = Write("bad.conf", "allow cap=CAP_FOO\n");
        var result = CliRunner.Run("check", path, "--json");
        Assert.Equal(2, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var d = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal((path, 1, 11, "error", "unknown capability 'CAP_FOO'"),
            (d.GetProperty("file").GetString(), d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32(),
             d.GetProperty("severity").GetString(), d.GetProperty("message").GetString()));
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Missing_file_says_which_path_and_exits_2()
    {
        var missing = Path.Combine(_dir, "absent.conf");
        var result = CliRunner.Run("check", missing);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"{missing}: error: no such policy file or directory\n", result.Stderr);
    }

    [Fact]
    public void Simulate_with_a_broken_policy_prints_diagnostics_and_exits_2()
    {
        var path = Write("bad.conf", "autoload sometimes\n");
        var result = CliRunner.Run("simulate", "load", "ext4", "--policy", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{path}:1:10: error: invalid autoload mode 'sometimes' (expected classic, privileged or off)\n" +
                     "autoload sometimes\n         ^\n", result.Stderr);
    }

    [Fact]
    public void Unknown_capability_on_the_command_line_is_a_usage_error()
    {
        var result = CliRunner.Run("simulate", "load", "ext4", "--cap", "CAP_NET_ADMN", "--policy", "examples/server.conf");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("modgate: --cap: unknown capability 'CAP_NET_ADMN' (did you mean 'CAP_NET_ADMIN'?)\n", result.Stderr);
    }
}
