using Modgate.Bpf;
using Modgate.Bpf.Kernel;
using Modgate.Cli.Output;
using Modgate.Enforcement.Audit;
using Modgate.Policy;

namespace Modgate.Cli.Commands;

/// <summary>
/// `modgate status --kernel-decision VERB:NAME` (hidden): asks modgate's attached programs, through their private
/// prctl, what they decide for the calling process making this request. The guest's differential test compares
/// it with `modgate simulate`. The kernel answers only CAP_SYS_ADMIN callers and processes started under
/// `modgate exec --allow-kernel-decisions` (hidden), which may then drop their privileges.
/// </summary>
internal static class KernelDecision
{
    public static int Print(string request, bool originAutoload)
    {
        var colon = request.IndexOf(':');
        if (colon <= 0 || !AuditWords.TryVerb(request[..colon], out var verb) || colon == request.Length - 1)
        {
            Console.Error.WriteLine($"modgate: status: --kernel-decision wants VERB:NAME with VERB autoload, load or unload, not '{request}'");
            return ExitCodes.UsageOrPolicyError;
        }
        try
        {
            var d = ProcessModeCalls.Decide(verb, request[(colon + 1)..], originAutoload ? Origin.Autoload : Origin.Explicit);
            Console.WriteLine($"verdict={(d.Deny ? "deny" : "allow")} decision={d.DecisionWord} layer={DecisionText.LayerWord(d.Layer)} rule={d.RuleIndex}");
            return ExitCodes.Success;
        }
        catch (SyscallException e) when (e.Errno == 13)
        {
            Console.Error.WriteLine("modgate: status: the kernel answers --kernel-decision only for CAP_SYS_ADMIN and processes started under modgate exec --allow-kernel-decisions");
            return ExitCodes.PermissionDenied;
        }
        catch (SyscallException e) when (e.Errno == 22)
        {
            Console.Error.WriteLine("modgate: status: modgate's programs are not attached here (run modgate apply)");
            return ExitCodes.KernelLacksFeature;
        }
    }
}
