namespace Modgate.Enforcement.Lock;

/// <summary>
/// The device of the bpffs that holds a path, as the kernel writes it in super_block.s_dev ((major &lt;&lt; 20) | minor),
/// from /proc/self/mountinfo: the mount whose mount point is the longest prefix of the path.
/// </summary>
public static class BpffsMount
{
    public const string MountInfo = "/proc/self/mountinfo";

    public static uint KernelDevOf(string path, string mountInfoText)
    {
        string? bestPoint = null;
        uint dev = 0;
        foreach (var line in mountInfoText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // id parent major:minor root mount-point options [optional…] - fstype source super-options
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || separator < 0 || separator + 1 >= fields.Length) continue;
            var point = fields[4].Replace("\\040", " ");
            if (!IsUnder(path, point) || (bestPoint is not null && point.Length < bestPoint.Length)) continue;
            var numbers = fields[2].Split(':');
            if (numbers.Length != 2 || !uint.TryParse(numbers[0], out var major) || !uint.TryParse(numbers[1], out var minor))
                throw new FormatException($"{MountInfo}: bad major:minor '{fields[2]}' in: {line}");
            bestPoint = point;
            dev = fields[separator + 1] == "bpf" ? (major << 20) | minor : 0;
        }
        if (bestPoint is null || dev == 0)
            throw new InvalidOperationException($"{path} is not on a bpffs mount (mount -t bpf bpf /sys/fs/bpf)");
        return dev;
    }

    private static bool IsUnder(string path, string point) =>
        point == "/" || path == point || path.StartsWith(point.TrimEnd('/') + "/", StringComparison.Ordinal);
}
