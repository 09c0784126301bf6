using System.CommandLine;

namespace Modgate.Cli.Commands;

/// <summary>The one place every subcommand is hooked into the `modgate` root command.</summary>
internal static class CommandRegistry
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "modgate: decide which kernel modules may be autoloaded, loaded or unloaded, by whom; enforce it with BPF LSM; audit and lock it.");
        // One line per command; keep the order of SPEC.md §1.
        return root;
    }
}
