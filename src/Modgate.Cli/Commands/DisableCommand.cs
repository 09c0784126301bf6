using System.CommandLine;
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
            {
                Console.Error.WriteLine("modgate: disable: permission denied: needs root");
                return ExitCodes.PermissionDenied;
            }
            if (LockCommand.RefusedBecauseLocked("disable")) return ExitCodes.Locked;
            try
            {
                var removed = BpfLsmBackend.Disable() | FallbackBackend.Disable(FallbackPaths.System);
                if (!result.GetValue(GlobalOptions.Quiet))
                    Console.WriteLine(removed ? "modgate: enforcement removed" : "modgate: nothing to disable (no policy applied)");
                return ExitCodes.Success;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"modgate: disable: {e.Message}");
                return ExitCodes.Failure;
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"modgate: disable: {e.Message}");
                return ExitCodes.Locked;
            }
            catch (UnauthorizedAccessException e)
            {
                Console.Error.WriteLine($"modgate: disable: permission denied: {e.Message}");
                return ExitCodes.PermissionDenied;
            }
        });
        return command;
    }
}
