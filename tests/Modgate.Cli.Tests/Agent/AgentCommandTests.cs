namespace Modgate.Cli.Tests.Agent;

/// <summary>The agent's command line. Its behaviour needs a kernel with BPF LSM: tests/vm/tests/agent/ runs it in the guest.</summary>
public sealed class AgentCommandTests
{
    [Fact]
    public void Help_names_the_options_and_what_the_service_does()
    {
        var result = CliRunner.Run("agent", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--audit-log <FILE>", result.Stdout);
        Assert.Contains("/var/log/modgate/audit.jsonl", result.Stdout);
        Assert.Contains("--policy <FILE>", result.Stdout);
        Assert.Contains("sd_notify", result.Stdout);
    }

    [Fact]
    public void The_root_help_lists_the_agent()
    {
        Assert.Matches(@"\n\s+agent\s+Run the modgate service", CliRunner.Run("--help").Stdout);
    }
}
