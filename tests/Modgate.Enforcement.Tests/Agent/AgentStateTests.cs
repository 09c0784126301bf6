using Modgate.Enforcement.Agent;

namespace Modgate.Enforcement.Tests.Agent;

public sealed class AgentStateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-state-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static AgentState Sample(int pid, ulong start) => new(1, pid, start, new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
        10_000, 3, 412, new DateTimeOffset(2026, 11, 25, 12, 5, 0, TimeSpan.Zero), "applied generation 4 (sha256:ab)");

    [Fact]
    public void Saved_state_reads_back_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_dir, "run", "agent.json");
        var state = Sample(Environment.ProcessId, 5);
        state.Save(path);
        Assert.Equal(state, AgentState.Read(path));
        Assert.Equal(["agent.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        Assert.Contains("\"eventsNotWritten\": 3", File.ReadAllText(path));
    }

    [Fact]
    public void Running_means_the_same_pid_with_the_same_start_time()
    {
        var start = AgentState.StartTimeOf(Environment.ProcessId);
        Assert.NotNull(start);
        Assert.True(Sample(Environment.ProcessId, start.Value).IsRunning);
        Assert.False(Sample(Environment.ProcessId, start.Value + 1).IsRunning); // the pid was reused by another process
        Assert.Null(AgentState.StartTimeOf(int.MaxValue));
        Assert.False(Sample(int.MaxValue, start.Value).IsRunning);
    }

    [Fact]
    public void No_file_is_no_state_and_a_broken_file_is_an_error_naming_it()
    {
        var path = Path.Combine(_dir, "agent.json");
        Assert.Null(AgentState.Read(path));
        File.WriteAllText(path, "{\"schema\": 1, \"pid\": ");
        var e = Assert.Throws<InvalidDataException>(() => AgentState.Read(path));
        Assert.StartsWith($"{path}: unreadable agent state:", e.Message);
        File.WriteAllText(path, "{\"schema\": 2}");
        Assert.Equal($"{path}: not an agent state of schema 1", Assert.Throws<InvalidDataException>(() => AgentState.Read(path)).Message);
    }
}
