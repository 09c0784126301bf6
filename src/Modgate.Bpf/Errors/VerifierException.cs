using System.Text.RegularExpressions;

namespace Modgate.Bpf;

/// <summary>The kernel refused to load the BPF programs; <see cref="Log"/> holds libbpf's messages and the verifier log.</summary>
public sealed partial class VerifierException : SyscallException
{
    public VerifierException(Errno errno, string log)
        : base("bpf(BPF_PROG_LOAD)", errno, $"{CauseOf(errno, log)}\nverifier log (last lines):\n{Tail(log)}")
    {
        Log = log;
    }

    public string Log { get; }

    /// <summary>
    /// One line that says why: the program the kernel refused and the verifier's own last word on it (the line before
    /// its "processed N insns" summary), e.g. "the kernel rejected modgate's BPF program mg_module_request (EINVAL):
    /// At program exit the register R0 has unknown scalar value should have been in [-4095, 0]".
    /// </summary>
    public static string CauseOf(Errno errno, string log)
    {
        var lines = log.Split('\n').Select(l => l.TrimEnd()).ToArray();
        // libbpf names the program that failed; with MODGATE_VERIFIER_STATS the logs of those that loaded come first.
        var program = FailedProgram().Match(log) is { Success: true } m ? m.Groups[1].Value : null;
        string? reason = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var begin = ProgramLogBegin().Match(lines[i]);
            if (!begin.Success || (program is not null && begin.Groups[1].Value != program)) continue;
            program = begin.Groups[1].Value;
            // The verifier's last line of substance before its statistics or the end marker.
            for (var j = i + 1; j < lines.Length && !lines[j].Contains("-- END PROG LOAD LOG --", StringComparison.Ordinal); j++)
                if (lines[j].Length > 0 && !VerifierStatistics().IsMatch(lines[j]))
                    reason = lines[j];
        }
        var what = program is null ? "modgate's BPF programs" : $"modgate's BPF program {program}";
        return $"the kernel rejected {what} ({ErrnoNames.Of(errno)})" + (reason is null ? "" : $": {reason}");
    }

    // The verifier's last lines say why; a full log can be megabytes.
    private static string Tail(string log)
    {
        var lines = log.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Length <= 40 ? lines : lines[^40..]);
    }

    [GeneratedRegex(@"prog '([^']+)': -- BEGIN PROG LOAD LOG --")]
    private static partial Regex ProgramLogBegin();

    [GeneratedRegex(@"^(processed \d+ insns|verification time|stack depth|max_states_per_insn|mark_precise|\d+: )")]
    private static partial Regex VerifierStatistics();

    [GeneratedRegex(@"prog '([^']+)': (BPF program load failed|failed to load)")]
    private static partial Regex FailedProgram();
}
