using System.CommandLine;

namespace Modgate.Cli.Commands;

/// <summary>The one place every subcommand is hooked into the `modgate` root command.</summary>
internal static class CommandRegistry
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "modgate: decide which kernel modules may be autoloaded, loaded or unloaded, and by whom; " +
            "enforce it with BPF LSM, audit it, and lock it until reboot.");
        GlobalOptions.AddTo(root);
        // One line per command; keep the order of SPEC.md §1.
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(ExposureCommand.Create());
        root.Subcommands.Add(LearnCommand.Create());
        root.Subcommands.Add(ImportModprobeCommand.Create());
        root.Subcommands.Add(ApplyCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ExecCommand.Create());
        root.Subcommands.Add(RestrictCommand.Create());
        root.Subcommands.Add(LockCommand.Create());
        root.Subcommands.Add(DisableCommand.Create());
        root.Subcommands.Add(LogCommand.Create());
        root.Subcommands.Add(AgentCommand.Create());
        root.Subcommands.Add(ModprobeGateCommand.Create());
        return root;
    }
}
