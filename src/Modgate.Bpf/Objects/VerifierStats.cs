using System.Text.RegularExpressions;

namespace Modgate.Bpf;

/// <summary>
/// MODGATE_VERIFIER_STATS=1: the verifier's totals for every program modgate loads, on standard error (a developer's
/// measure of verification cost per kernel: BENCHMARKS.md, the 1,000,000-instruction limit of kernels before 5.2).
/// </summary>
public static partial class VerifierStats
{
    public const string EnvironmentVariable = "MODGATE_VERIFIER_STATS";

    public static bool Requested => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    public static void Report(string libbpfLog)
    {
        foreach (var line in Lines(libbpfLog))
            Console.Error.WriteLine(line);
    }

    /// <summary>"verifier: PROGRAM: processed N insns (limit ...) ..." and its verification time, from libbpf's log.</summary>
    public static IEnumerable<string> Lines(string libbpfLog)
    {
        string? program = null;
        foreach (var line in libbpfLog.Split('\n'))
        {
            if (ProgramLog().Match(line) is { Success: true } begin)
                program = begin.Groups[1].Value;
            else if (program is not null && (line.StartsWith("processed ", StringComparison.Ordinal) ||
                                             line.StartsWith("verification time", StringComparison.Ordinal)))
                yield return $"verifier: {program}: {line.Trim()}";
        }
    }

    [GeneratedRegex(@"prog '([^']+)': -- BEGIN PROG LOAD LOG --")]
    private static partial Regex ProgramLog();
}
