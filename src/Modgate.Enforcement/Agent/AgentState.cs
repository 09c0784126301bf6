using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modgate.Enforcement.Agent;

/// <summary>
/// What a running agent says about itself in /run/modgate/agent.json (schema 1), rewritten atomically as it
/// changes, for `modgate status`. <see cref="ProcessStart"/> (field 22 of /proc/PID/stat) tells a live agent from
/// a pid that a later process reused after the agent died.
/// </summary>
public sealed record AgentState(
    int Schema,
    int Pid,
    ulong ProcessStart,
    DateTimeOffset Started,
    long EventsWritten,
    long EventsNotWritten,
    ulong KernelDropped,
    DateTimeOffset? LastReload,
    string? LastReloadResult)
{
    public const string DefaultPath = "/run/modgate/agent.json";

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".new";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, AgentStateJsonContext.Default.AgentState) + "\n");
        File.Move(temp, path, overwrite: true); // rename(2): a reader has the old file or the new one
    }

    /// <summary>The state file, or null when there is none; an unreadable one is an error naming the file.</summary>
    public static AgentState? Read(string path = DefaultPath)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), AgentStateJsonContext.Default.AgentState) is { Schema: 1 } state
                ? state
                : throw new InvalidDataException($"{path}: not an agent state of schema 1");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: unreadable agent state: {e.Message}");
        }
    }

    /// <summary>Whether the process that wrote this state still runs (same pid, same start time).</summary>
    public bool IsRunning => StartTimeOf(Pid) == ProcessStart;

    /// <summary>
    /// Field 22 of /proc/PID/stat (start time in clock ticks since boot), or null when there is no such process or it
    /// has exited and waits to be reaped (a zombie: state Z or X).
    /// </summary>
    public static ulong? StartTimeOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // comm (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 20 || fields[0] is "Z" or "X") return null;
        return ulong.TryParse(fields[19], out var start) ? start : null;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(AgentState))]
internal sealed partial class AgentStateJsonContext : JsonSerializerContext;
