namespace Modgate.Policy;

/// <summary>Module names as the kernel and modprobe compare them: '-' and '_' are the same character.</summary>
public static class ModuleName
{
    public static string Normalize(string name) => name.Replace('-', '_');
}
