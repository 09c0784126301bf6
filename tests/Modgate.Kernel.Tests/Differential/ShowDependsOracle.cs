namespace Modgate.Kernel.Tests;

/// <summary>
/// The real <c>modprobe --show-depends</c> as the oracle of the probe list: batched like <see cref="ModprobeOracle"/>
/// (<c>-a</c>, a sentinel that never resolves after every request, stdout line-buffered so that modprobe's stderr
/// lines arrive in order through the same pipe). --show-depends ignores what is loaded on this machine.
/// </summary>
internal static class ShowDependsOracle
{
    private const string Sentinel = "modgate-show-depends-sentinel";
    private const int BatchSize = 2000;

    public static Dictionary<string, List<string>> ShowAll(string root, string version, string? configPath, IReadOnlyList<string> requests)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var start = 0; start < requests.Count; start += BatchSize)
        {
            var batch = requests.Skip(start).Take(BatchSize).ToList();
            List<string> arguments = ["-c", "exec stdbuf -oL /usr/sbin/modprobe \"$@\" 2>&1", "sh", "-d", root, "-S", version];
            if (configPath is not null) arguments.AddRange(["-C", configPath]);
            arguments.AddRange(["--show-depends", "-a", "--"]);
            foreach (var r in batch) arguments.AddRange([r, Sentinel]);
            var (_, output, _) = ProcessRunner.Run("sh", arguments);
            var index = ModprobeOracle.SplitAtSentinels(output, Sentinel, batch, result);
            if (index != batch.Count)
                throw new InvalidOperationException($"modprobe --show-depends answered {index} of {batch.Count} requests");
        }
        return result;
    }
}
