using Modgate.Policy;
using Xunit;

namespace Modgate.Tests.Shared;

/// <summary>Parses and compiles policy text in memory, under the file name "p.conf" unless told another.</summary>
internal static class PolicyText
{
    public const string File = "p.conf";

    public static LoadResult Load(string text, string file = File) => PolicyLoader.LoadText(file, text);

    /// <summary>Every diagnostic as the CLI prints it.</summary>
    public static string[] Diagnostics(string text) => [.. Load(text).Diagnostics.Select(d => d.ToString())];

    /// <summary>The compiled policy; a policy with an error fails the test with its diagnostics and the text.</summary>
    public static CompiledPolicy Compile(string text, string file = File)
    {
        var result = Load(text, file);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics) + "\n" + text);
        return PolicyCompiler.Compile(result.Document!);
    }
}
