using System.Security.Cryptography;

namespace Modgate.Fuzz;

/// <summary>Saves each failing input with what went wrong, so that <c>replay</c> and a regression test can use it.</summary>
internal static class FailureStore
{
    public static string DefaultDirectory => Path.Combine(RepositoryRoot.Path, "artifacts", "fuzz", "failures");

    /// <returns>The path of the saved input.</returns>
    public static string Save(string directory, string target, FuzzFailure failure)
    {
        Directory.CreateDirectory(directory);
        var id = Convert.ToHexStringLower(SHA256.HashData(failure.Input))[..16];
        var path = Path.Combine(directory, $"{target}-{failure.Kind}-{id}.bin");
        File.WriteAllBytes(path, failure.Input);
        File.WriteAllText(Path.ChangeExtension(path, ".txt"), $"{target} {failure.Kind}\n{failure.Message}\n");
        return path;
    }
}
