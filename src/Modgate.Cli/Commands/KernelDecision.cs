using Modgate.Bpf;
using Modgate.Bpf.Kernel;
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
        if (colon <= 0 || !PolicyWords.TryParse(request[..colon], out Verb verb) || colon == request.Length - 1)
            return CommandErrors.Fail("status", $"--kernel-decision wants VERB:NAME with VERB autoload, load or unload, not '{request}'",
                ExitCodes.UsageOrPolicyError);
        try
        {
            var d = ProcessModeCalls.Decide(verb, request[(colon + 1)..], originAutoload ? Origin.Autoload : Origin.Explicit);
            Console.WriteLine($"verdict={(d.Deny ? "deny" : "allow")} decision={d.DecisionWord} layer={PolicyWords.Of(d.Layer)} rule={d.RuleIndex}");
            return ExitCodes.Success;
        }
        catch (SyscallException e) when (e.Errno == Errno.EACCES)
        {
            return CommandErrors.Fail("status", "the kernel answers --kernel-decision only for CAP_SYS_ADMIN and processes started under " +
                "modgate exec --allow-kernel-decisions", CommandErrors.ExitCode(e));
        }
        catch (NotEnforcingException e)
        {
            return CommandErrors.Fail("status", "modgate's programs are not attached here (run modgate apply)", CommandErrors.ExitCode(e));
        }
    }
}
