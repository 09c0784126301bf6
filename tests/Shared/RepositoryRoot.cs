namespace Modgate.Tests.Shared;

internal static class RepositoryRoot
{
    /// <summary>The directory holding Modgate.sln, found from the test assembly's location.</summary>
    public static string Path
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Modgate.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Modgate.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
