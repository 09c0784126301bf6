namespace Modgate.Policy.Tests;

/// <summary>Parses policy text in memory under the file name "p.conf".</summary>
internal static class PolicyText
{
    public const string File = "p.conf";

    public static LoadResult Load(string text) => PolicyLoader.LoadText(File, text);

    /// <summary>Every diagnostic as the CLI prints it.</summary>
    public static string[] Diagnostics(string text) => [.. Load(text).Diagnostics.Select(d => d.ToString())];

    public static CompiledPolicy Compile(string text)
    {
        var result = Load(text);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return PolicyCompiler.Compile(result.Document!);
    }
}
