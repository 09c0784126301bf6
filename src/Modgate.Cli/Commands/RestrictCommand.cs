using System.CommandLine;
using Modgate.Bpf;
using Modgate.Enforcement.BpfLsm;
using Modgate.Enforcement.Status;

namespace Modgate.Cli.Commands;

/// <summary>`modgate restrict --pid PID --autoload=…`: raise the modes of a running process tree.</summary>
internal static class RestrictCommand
{
    public static Command Create()
    {
        var pid = new Option<int>("--pid") { Description = "The process whose tree to restrict", HelpName = "PID", Required = true };
        var autoload = ModeOptions.Autoload();
        var load = ModeOptions.Load();
        var command = new Command("restrict",
            "Raise the per-process modes of a running process and its descendants (never lowers them). Needs root.")
        {
            pid, autoload, load,
        };
        command.SetAction(result =>
        {
            var a = ModeOptions.Parse(result.GetValue(autoload));
            var l = ModeOptions.Parse(result.GetValue(load));
            if (a is null && l is null)
            {
                Console.Error.WriteLine("modgate: restrict: give --autoload=privileged|off and/or --load=off");
                return ExitCodes.UsageOrPolicyError;
            }
            if (!Environment.IsPrivilegedProcess)
            {
                Console.Error.WriteLine("modgate: restrict: permission denied: needs root");
                return ExitCodes.PermissionDenied;
            }
            if (!BpfLsmBackend.IsApplied)
            {
                Console.Error.WriteLine("modgate: restrict: modgate is not enforcing here: run modgate apply first");
                return ExitCodes.KernelLacksFeature;
            }
            try
            {
                var changed = ProcessModes.Raise(result.GetValue(pid), a, l);
                if (!result.GetValue(GlobalOptions.Quiet))
                    Console.WriteLine($"modgate: restricted {changed.Count} process(es): {string.Join(' ', changed)}");
                return ExitCodes.Success;
            }
            catch (UnsupportedKernelException e)
            {
                Console.Error.WriteLine($"modgate: restrict: {e.Message}");
                return ExitCodes.KernelLacksFeature;
            }
            catch (SyscallException e)
            {
                Console.Error.WriteLine($"modgate: restrict: {(e.Errno == Errno.ESRCH ? $"no process {result.GetValue(pid)}" : e.Message)}");
                return e.Errno == Errno.ESRCH ? ExitCodes.UsageOrPolicyError : ExitCodes.Failure;
            }
        });
        return command;
    }
}
