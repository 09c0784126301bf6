using Modgate.Policy;

namespace Modgate.Cli.Output;

/// <summary>Prints a policy's diagnostics the way compilers do, on stderr (<see cref="DiagnosticText"/>).</summary>
internal static class PolicyInput
{
    public static LoadResult Load(IReadOnlyList<string> paths) => PolicyLoader.Load(paths);

    public static void PrintDiagnostics(LoadResult result, bool quiet)
    {
        var text = new DiagnosticText();
        foreach (var diagnostic in result.Diagnostics)
        {
            if (quiet && diagnostic.Severity == Severity.Warning) continue;
            foreach (var line in text.Lines(diagnostic, Terminal.Stderr)) Console.Error.WriteLine(line);
        }
    }
}
