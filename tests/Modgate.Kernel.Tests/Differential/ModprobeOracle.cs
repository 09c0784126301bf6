namespace Modgate.Kernel.Tests;

/// <summary>
/// The real <c>modprobe -R</c> (Debian's kmod: this machine's, or a release's through <see cref="Kmod"/>) as the oracle. To keep tens of thousands of requests within
/// seconds it runs <c>modprobe -a -R</c> over batches, putting after every request a sentinel that never
/// resolves; stdout is line-buffered with stdbuf so that its lines and modprobe's "not found" lines on
/// stderr arrive in order through one pipe. <see cref="ResolveOne"/> is the one-process-per-request form,
/// used to check that batching changes nothing.
/// </summary>
internal static class ModprobeOracle
{
    private const string Sentinel = "modgate-differential-sentinel";
    private const int BatchSize = 4000;

    public static Dictionary<string, List<string>> ResolveAll(string root, string version, string? configPath, IReadOnlyList<string> requests,
        Kmod? modprobe = null)
    {
        modprobe ??= Kmod.HostModprobe;
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var start = 0; start < requests.Count; start += BatchSize)
        {
            var batch = requests.Skip(start).Take(BatchSize).ToList();
            var arguments = new List<string> { "-c", "exec stdbuf -oL \"$@\" 2>&1", "sh" };
            arguments.AddRange(modprobe.CommandLine(BaseArguments(root, version, configPath)));
            arguments.Add("-a");
            arguments.Add("--");
            foreach (var r in batch)
            {
                arguments.Add(r);
                arguments.Add(Sentinel);
            }
            var (_, output, _) = ProcessRunner.Run("sh", arguments);
            var index = SplitAtSentinels(output, Sentinel, batch, result);
            if (index != batch.Count)
                throw new InvalidOperationException($"modprobe batch answered {index} of {batch.Count} requests; output ends with: {string.Join('|', output.Split('\n').TakeLast(5))}");
        }
        return result;
    }

    /// <summary>Each request that modgate's resolver answers unlike modprobe, as a line; FOUND: how many resolved to a module.</summary>
    public static List<string> Differences(AliasResolver resolver, IEnumerable<string> requests, Dictionary<string, List<string>> expected, out int found)
    {
        var differences = new List<string>();
        found = 0;
        foreach (var request in requests)
        {
            var ours = resolver.Resolve(request);
            if (ours.Count > 0) found++;
            if (!ours.SequenceEqual(expected[request]))
                differences.Add($"{request}: modprobe [{string.Join(' ', expected[request])}] modgate [{string.Join(' ', ours)}]");
        }
        return differences;
    }

    /// <summary>
    /// One modprobe run answers a batch of requests, each followed by SENTINEL (a module that does not exist): the lines
    /// before the Nth sentinel's "not found" are the Nth request's. Returns how many requests were answered.
    /// </summary>
    public static int SplitAtSentinels(string output, string sentinel, IReadOnlyList<string> batch, Dictionary<string, List<string>> result)
    {
        var index = 0;
        var current = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            if (line.Length == 0) continue;
            if (line.Contains($"Module {sentinel} not found", StringComparison.Ordinal))
            {
                result[batch[index++]] = current;
                current = [];
                continue;
            }
            // the requests' own "not found" lines and libkmod's configuration warnings
            if (line.StartsWith("modprobe: ", StringComparison.Ordinal) || line.StartsWith("libkmod: ", StringComparison.Ordinal)) continue;
            current.Add(line);
        }
        return index;
    }

    public static List<string> ResolveOne(string root, string version, string? configPath, string request, Kmod? modprobe = null)
    {
        modprobe ??= Kmod.HostModprobe;
        var arguments = modprobe.CommandLine(BaseArguments(root, version, configPath).Append("--").Append(request)).ToList();
        var (_, stdout, _) = ProcessRunner.Run(arguments[0], arguments.Skip(1));
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static IEnumerable<string> BaseArguments(string root, string version, string? configPath)
    {
        yield return "-d";
        yield return root;
        yield return "-S";
        yield return version;
        if (configPath is not null)
        {
            yield return "-C";
            yield return configPath;
        }
        yield return "-R";
    }
}
