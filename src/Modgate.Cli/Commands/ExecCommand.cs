using System.CommandLine;
using Modgate.Bpf;
using Modgate.Bpf.Kernel;
using Modgate.Enforcement.Status;

namespace Modgate.Cli.Commands;

/// <summary>`modgate exec [--autoload=privileged|off] [--load=off] -- CMD…`: run CMD with stricter per-process modes, inherited and never lowered.</summary>
internal static class ExecCommand
{
    public static Command Create()
    {
        var autoload = ModeOptions.Autoload();
        var load = ModeOptions.Load();
        var command = new Argument<string[]>("CMD") { Description = "The command and its arguments", Arity = ArgumentArity.OneOrMore };
        var exec = new Command("exec",
            "Run CMD with a stricter per-process mode, inherited by all its descendants and never lowered. " +
            "Unprivileged callers get no_new_privs set, as with seccomp. Example: modgate exec --autoload=off -- sh")
        {
            autoload, load, command,
        };
        exec.SetAction(result =>
        {
            var a = ModeOptions.Parse(result.GetValue(autoload));
            var l = ModeOptions.Parse(result.GetValue(load));
            if (a is null && l is null)
            {
                Console.Error.WriteLine("modgate: exec: give --autoload=privileged|off and/or --load=off");
                return ExitCodes.UsageOrPolicyError;
            }
            return Run(a, l, result.GetValue(command)!);
        });
        return exec;
    }

    private static int Run(Policy.Mode? autoload, Policy.Mode? load, string[] command)
    {
        try
        {
            // Like seccomp: without CAP_SYS_ADMIN the kernel program asks for no_new_privs first.
            if (!Environment.IsPrivilegedProcess) ProcessModeCalls.SetNoNewPrivs();
            if (autoload is { } a) ProcessModeCalls.RaiseOwnMode(0, (byte)a);
            if (load is { } l) ProcessModeCalls.RaiseOwnMode(1, (byte)l);
            // Read back what the kernel now holds for this thread before handing it to CMD.
            var held = ProcessModeCalls.OwnModes();
            if (held[0] < (byte)(autoload ?? Policy.Mode.Classic) || held[1] < (byte)(load ?? Policy.Mode.Classic))
            {
                Console.Error.WriteLine($"modgate: exec: the kernel holds modes autoload={held[0]} load={held[1]}, lower than asked; not running {command[0]}");
                return ExitCodes.Failure;
            }
        }
        catch (SyscallException e) when (e.Errno == 22)
        {
            Console.Error.WriteLine("modgate: exec: modgate is not enforcing here (its BPF programs are not attached): run modgate apply first");
            return ExitCodes.KernelLacksFeature;
        }
        catch (SyscallException e) when (e.Errno == 95)
        {
            // The reduced BPF object (kernels before 5.11) answers the mode prctl with EOPNOTSUPP: no task storage.
            Console.Error.WriteLine($"modgate: exec: {ObjectLosses.ProcessModesHere()}");
            return ExitCodes.KernelLacksFeature;
        }
        catch (SyscallException e) when (e.Errno == 1)
        {
            Console.Error.WriteLine("modgate: exec: refused: a per-process mode can only be raised, and this process already has a stricter one");
            return ExitCodes.PermissionDenied;
        }
        catch (SyscallException e)
        {
            Console.Error.WriteLine($"modgate: exec: {e.Message}");
            return e.Errno == 13 ? ExitCodes.PermissionDenied : ExitCodes.Failure;
        }
        try
        {
            ProcessModeCalls.Exec(command);
        }
        catch (SyscallException e)
        {
            Console.Error.WriteLine($"modgate: exec: {command[0]}: {e.Message}");
        }
        return 127;
    }
}
