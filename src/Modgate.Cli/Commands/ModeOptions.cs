using System.CommandLine;
using Modgate.Policy;

namespace Modgate.Cli.Commands;

/// <summary>--autoload / --load of `exec` and `restrict`.</summary>
internal static class ModeOptions
{
    public static Option<string?> Autoload() => Make(new Option<string?>("--autoload")
    {
        Description = "privileged (needs CAP_SYS_MODULE or a grant) or off",
        HelpName = "MODE",
    }, "privileged", "off");

    public static Option<string?> Load() => Make(new Option<string?>("--load")
    {
        Description = "off: no explicit init_module/finit_module",
        HelpName = "MODE",
    }, "off");

    private static Option<string?> Make(Option<string?> option, params string[] values)
    {
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    public static Mode? Parse(string? value) => value switch { "privileged" => Mode.Privileged, "off" => Mode.Off, _ => null };
}
