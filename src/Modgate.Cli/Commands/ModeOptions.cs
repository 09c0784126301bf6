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
    }, Mode.Privileged, Mode.Off);

    public static Option<string?> Load() => Make(new Option<string?>("--load")
    {
        Description = "off: no explicit init_module/finit_module",
        HelpName = "MODE",
    }, Mode.Off);

    private static Option<string?> Make(Option<string?> option, params Mode[] modes)
    {
        option.AcceptOnlyFromAmong([.. modes.Select(PolicyWords.Of)]);
        return option;
    }

    /// <summary>The mode given, null when the option was not; the option accepts only the words of its modes.</summary>
    public static Mode? Parse(string? value) => value is not null && PolicyWords.TryParse(value, out Mode mode) ? mode : null;
}
