namespace Modgate.Kernel;

/// <summary>Reads a sysctl by its dotted name (<c>dev.tty.ldisc_autoload</c>); null when the kernel has no such sysctl.</summary>
public interface ISysctlReader
{
    string? Read(string name);
}

/// <summary>The sysctls under a /proc/sys directory: the running kernel's, or a copy of another machine's.</summary>
public sealed class ProcSysReader(string root = ProcSysReader.DefaultRoot) : ISysctlReader
{
    public const string DefaultRoot = "/proc/sys";

    public string Root { get; } = root;

    public string? Read(string name)
    {
        var path = Path.Combine(Root, name.Replace('.', '/'));
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
