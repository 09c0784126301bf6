using System.CommandLine;
using System.Text;
using Modgate.Bpf;
using Modgate.Bpf.Kernel;
using Modgate.Enforcement.BpfLsm;
using Modgate.Enforcement.Fallback;
using Modgate.Kernel;

namespace Modgate.Cli.Commands;

/// <summary>
/// `modgate modprobe-gate -- ARGS…`: the kernel.modprobe helper of the fallback backend. The kernel runs it as root
/// for every autoload (`-q -- NAME`); <see cref="ModprobeGate"/> judges NAME, and each module modprobe would load for it,
/// and the helper either refuses (exit 1, a line in the kernel log) or becomes the real modprobe with the same arguments.
/// </summary>
internal static class ModprobeGateCommand
{
    public static Command Create()
    {
        var arguments = new Argument<string[]>("MODPROBE-ARGS")
        {
            Description = "The arguments the kernel passes to its modprobe helper (-q -- NAME)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("modprobe-gate",
            "The kernel.modprobe helper of the fallback backend (BPF LSM not active): judges each autoload, and each module its " +
            "modprobe would load, by the policy in force as an unknown requester, then runs the real modprobe. Run by the kernel " +
            "through /run/modgate/modprobe-gate, not by hand.")
        {
            arguments,
        };
        command.SetAction(result => Run(result.GetValue(arguments) ?? []));
        return command;
    }

    private static int Run(string[] arguments)
    {
        var realModprobe = ModprobeGate.RealModprobe(FallbackBackend.Read(FallbackPaths.System));
        if (ModprobeGate.RequestOf(arguments) is { } request)
        {
            var judgement = ModprobeGate.Judge(request, BpfPins.AppliedPolicy, ModuleTree.RunningKernelDirectory());
            foreach (var line in judgement.LogLines) KernelLog(line);
            if (!judgement.Allowed) return ExitCodes.Failure;
        }
        try
        {
            ProcessModeCalls.Exec([realModprobe, .. arguments]);
        }
        catch (SyscallException e)
        {
            KernelLog($"modprobe-gate: {e.Message}");
        }
        return ExitCodes.Failure;
    }

    /// <summary>The helper has no terminal: the kernel log (and so the journal) is where its word goes.</summary>
    private static void KernelLog(string message)
    {
        try
        {
            using var kmsg = new FileStream("/dev/kmsg", FileMode.Open, FileAccess.Write);
            kmsg.Write(Encoding.UTF8.GetBytes($"<4>modgate: {message}\n"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"modgate: {message}");
        }
    }
}
