using System.CommandLine;
using Modgate.Bpf;
using Modgate.Bpf.Kernel;
using Modgate.Enforcement.Status;
using Modgate.Policy;

namespace Modgate.Cli.Commands;

/// <summary>`modgate exec [--autoload=privileged|off] [--load=off] -- CMD…`: run CMD with stricter per-process modes, inherited and never lowered.</summary>
internal static class ExecCommand
{
    public static Command Create()
    {
        var autoload = ModeOptions.Autoload();
        var load = ModeOptions.Load();
        // Hidden: lets CMD and its descendants ask the kernel's decision (status --kernel-decision) after dropping
        // privileges; the guest's differential tests compare it with simulate for unprivileged identities.
        var allowDecisions = new Option<bool>("--allow-kernel-decisions") { Hidden = true };
        var command = new Argument<string[]>("CMD") { Description = "The command and its arguments", Arity = ArgumentArity.OneOrMore };
        var exec = new Command("exec",
            "Run CMD with a stricter per-process mode, inherited by all its descendants and never lowered. " +
            "Unprivileged callers get no_new_privs set, as with seccomp. Example: modgate exec --autoload=off -- sh")
        {
            autoload, load, allowDecisions, command,
        };
        exec.SetAction(result =>
        {
            var a = ModeOptions.Parse(result.GetValue(autoload));
            var l = ModeOptions.Parse(result.GetValue(load));
            var decisions = result.GetValue(allowDecisions);
            if (a is null && l is null && !decisions)
                return CommandErrors.Fail("exec", "give --autoload=privileged|off and/or --load=off", ExitCodes.UsageOrPolicyError);
            return Run(a, l, decisions, result.GetValue(command)!);
        });
        return exec;
    }

    private static int Run(Mode? autoload, Mode? load, bool allowDecisions, string[] command)
    {
        try
        {
            if (allowDecisions) ProcessModeCalls.AllowDecide();
            // Like seccomp: without CAP_SYS_ADMIN the kernel program asks for no_new_privs first.
            if (!Environment.IsPrivilegedProcess) ProcessModeCalls.SetNoNewPrivs();
            if (autoload is { } a) ProcessModeCalls.RaiseOwnMode(Verb.Autoload, a);
            if (load is { } l) ProcessModeCalls.RaiseOwnMode(Verb.Load, l);
            // Read back what the kernel now holds for this thread before handing it to CMD.
            var held = autoload is null && load is null ? null : ProcessModeCalls.OwnModes();
            var (heldAutoload, heldLoad) = held is null ? default : (held[(int)Verb.Autoload], held[(int)Verb.Load]);
            if (held is not null && (heldAutoload < (autoload ?? Mode.Classic) || heldLoad < (load ?? Mode.Classic)))
                return CommandErrors.Fail("exec", $"the kernel holds modes autoload={PolicyWords.Of(heldAutoload)} load={PolicyWords.Of(heldLoad)}, lower than asked; not running {command[0]}",
                    ExitCodes.Failure);
        }
        // What each answer of the mode prctl means, in exec's words; the exit code is the failure's own.
        catch (NotEnforcingException e)
        {
            return CommandErrors.Fail("exec", "modgate is not enforcing here (its BPF programs are not attached): run modgate apply first",
                CommandErrors.ExitCode(e));
        }
        catch (SyscallException e) when (e.Errno == Errno.EOPNOTSUPP)
        {
            // The reduced BPF object (kernels before 5.11) answers the mode prctl with EOPNOTSUPP: no task storage.
            return CommandErrors.Fail("exec", ObjectLosses.ProcessModesHere(), CommandErrors.ExitCode(e));
        }
        catch (SyscallException e) when (e.Errno == Errno.EPERM)
        {
            return CommandErrors.Fail("exec", "refused: a per-process mode can only be raised, and this process already has a stricter one",
                CommandErrors.ExitCode(e));
        }
        catch (SyscallException e)
        {
            return CommandErrors.Fail("exec", e);
        }
        try
        {
            ProcessModeCalls.Exec(command);
        }
        catch (SyscallException e)
        {
            Console.Error.WriteLine(CommandErrors.Line("exec", $"{command[0]}: {e.Message}"));
        }
        return 127; // the shell's code for a command that could not be run
    }
}
