using System.CommandLine;
using Modgate.Enforcement;
using Modgate.Enforcement.BpfLsm;
using Modgate.Enforcement.Fallback;

namespace Modgate.Cli.Commands;

/// <summary>`modgate disable`: remove enforcement (unpin modgate's links and maps).</summary>
internal static class DisableCommand
{
    public static Command Create()
    {
        var command = new Command("disable", "Remove enforcement: detach modgate's programs and drop its maps. Needs root.");
        command.SetAction(result =>
        {
            if (!Environment.IsPrivilegedProcess)
                return CommandErrors.Fail("disable", "permission denied: needs root", ExitCodes.PermissionDenied);
            if (LockCommand.RefusedBecauseLocked("disable")) return ExitCodes.Locked;
            try
            {
                var removed = BpfLsmBackend.Disable() | FallbackBackend.Disable(FallbackPaths.System);
                if (!result.GetValue(GlobalOptions.Quiet))
                    Console.WriteLine(removed ? "modgate: enforcement removed" : "modgate: nothing to disable (no policy applied)");
                return ExitCodes.Success;
            }
            catch (Exception e) when (ExpectedFailure.Is(e))
            {
                return CommandErrors.Fail("disable", e);
            }
        });
        return command;
    }
}
