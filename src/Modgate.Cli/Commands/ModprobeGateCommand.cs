using System.CommandLine;
using System.Text;
using Modgate.Bpf;
using Modgate.Bpf.Kernel;
using Modgate.Enforcement.Audit;
using Modgate.Enforcement.BpfLsm;
using Modgate.Enforcement.Fallback;
using Modgate.Kernel;

namespace Modgate.Cli.Commands;

/// <summary>
/// `modgate modprobe-gate -- ARGS…`: the kernel.modprobe helper of the fallback backend. The kernel runs it as root
/// for every autoload (`-q -- NAME`); it judges NAME, and each module modprobe would load for it, by the policy in force
/// as an unknown requester (<see cref="GateDecision"/>) and either refuses (exit 1, a line in the kernel log) or becomes
/// the real modprobe with the same arguments.
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
        var state = FallbackBackend.Read(FallbackPaths.System);
        var realModprobe = state?.ModprobeBefore is { Length: > 0 } before ? before : "/sbin/modprobe";
        // modprobe's own options come first; the kernel puts the request after "--".
        var dashes = Array.IndexOf(arguments, "--");
        var request = dashes >= 0 && dashes + 1 < arguments.Length ? arguments[dashes + 1] : null;
        if (request is not null && !Allowed(request)) return ExitCodes.Failure;
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

    private static bool Allowed(string request)
    {
        // Fail closed: a gate in place without a readable policy cannot tell what is allowed.
        var text = File.Exists(BpfPins.AppliedPolicy) ? File.ReadAllText(BpfPins.AppliedPolicy) : "";
        if (text.Length == 0 || AppliedRecord.CompileCopy(BpfPins.AppliedPolicy, text) is not { } policy)
        {
            KernelLog($"modprobe-gate: deny autoload request={request}: no readable policy at {BpfPins.AppliedPolicy} (run modgate apply)");
            return false;
        }
        var tree = ModuleTree.RunningKernelDirectory();
        IReadOnlyList<string> modules = [];
        IReadOnlyList<GateVerdict> verdicts;
        if (Directory.Exists(tree))
        {
            var resolver = new AliasResolver(ModuleTree.Load(tree));
            var resolution = resolver.ResolveDetailed(request);
            modules = resolution.Modules;
            verdicts = GateDecision.DecideWithLoads(policy, request, modules, ProbeList.For(resolver, resolution));
        }
        else
        {
            verdicts = [GateDecision.Decide(policy, request, modules)];
        }
        foreach (var line in GateLog.Lines(request, modules, verdicts, text.Split('\n'))) KernelLog(line);
        return verdicts.All(v => v.Allowed);
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
