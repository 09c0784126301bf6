namespace Modgate.Enforcement.Status;

/// <summary>The running kernel's release, as major.minor for feature checks.</summary>
public static class KernelVersion
{
    public static string Release() =>
        File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "unknown";

    public static Version? Parse(string release)
    {
        var parts = release.Split('.', '-');
        return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor) ? new Version(major, minor) : null;
    }
}
