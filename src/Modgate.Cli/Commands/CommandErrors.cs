using Modgate.Bpf;
using Modgate.Enforcement.Lock;

namespace Modgate.Cli.Commands;

/// <summary>
/// How a command says it failed: one "modgate: COMMAND: why" line on stderr and an exit code of SPEC.md §1. The exit
/// code of a failure that arrives as an exception is decided here only (<see cref="ExitCode"/>); a command may put the
/// failure in its own words, never give it another code.
/// </summary>
internal static class CommandErrors
{
    /// <summary>
    /// "modgate: WHAT: MESSAGE", the line a command writes about itself; WHAT is the command (exec, lock, …) or the option
    /// the line is about (--kernel-tree).
    /// </summary>
    public static string Line(string what, string message) => $"modgate: {what}: {message}";

    /// <summary>
    /// "modgate COMMAND: MESSAGE", the older form that log, learn, exposure and import-modprobe write (their tests and
    /// scripts match it); kept apart from <see cref="Line"/> so that making them one is a single, visible change.
    /// </summary>
    public static string ReaderLine(string command, string message) => $"modgate {command}: {message}";

    /// <summary>Writes <see cref="Line"/> to stderr and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(string what, string message, int exitCode)
    {
        Console.Error.WriteLine(Line(what, message));
        return exitCode;
    }

    /// <summary>Reports an expected failure (Modgate.Enforcement.ExpectedFailure) with its message and its exit code.</summary>
    public static int Fail(string what, Exception e) =>
        Fail(what, e is UnauthorizedAccessException ? $"permission denied: {e.Message}" : e.Message, ExitCode(e));

    /// <summary>The exit code of a failure of this kind.</summary>
    public static int ExitCode(Exception e) => e switch
    {
        // The verifier's refusal is about the programs, whatever errno the load returned.
        VerifierException => ExitCodes.Failure,
        // Per-process modes without task storage (the reduced object answers EOPNOTSUPP), or no programs attached.
        SyscallException { Errno: Errno.EOPNOTSUPP } or NotEnforcingException => ExitCodes.KernelLacksFeature,
        SyscallException { Errno: Errno.EPERM or Errno.EACCES } or UnauthorizedAccessException => ExitCodes.PermissionDenied,
        // A process the caller named (--pid) does not exist.
        SyscallException { Errno: Errno.ESRCH } => ExitCodes.UsageOrPolicyError,
        PolicyLockedException => ExitCodes.Locked,
        _ => ExitCodes.Failure,
    };
}
