using System.CommandLine;

namespace Modgate.Cli.Commands;

/// <summary>The options every command accepts (SPEC.md §1), declared once and inherited by subcommands.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string[]> Policy = new("--policy")
    {
        Description = "Policy file or directory (repeatable). Default: /etc/modgate/policy.conf then /etc/modgate/policy.d/*.conf",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
        HelpName = "FILE",
    };

    public static readonly Option<string?> KernelTree = new("--kernel-tree")
    {
        Description = "Module tree to read (default: /lib/modules/$(uname -r))",
        Recursive = true,
        HelpName = "DIR",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON (stable; has a \"schema\" field)",
        Recursive = true,
    };

    public static readonly Option<bool> NoColor = new("--no-color")
    {
        Description = "Do not color the output (also when NO_COLOR is set or output is not a terminal)",
        Recursive = true,
    };

    public static readonly Option<bool> Wide = new("--wide")
    {
        Description = "Print every column and line whole, however wide (for scripts and files: otherwise a pipe gets 80 columns, or COLUMNS)",
        Recursive = true,
    };

    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Print only errors",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print more detail",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Policy);
        root.Options.Add(KernelTree);
        root.Options.Add(Json);
        root.Options.Add(NoColor);
        root.Options.Add(Wide);
        root.Options.Add(Quiet);
        root.Options.Add(Verbose);
    }
}
