using System.CommandLine;
using Modgate.Bpf.Kernel;
using Modgate.Cli.Commands;

namespace Modgate.Cli.Output;

/// <summary>
/// The one place that decides color and width for stdout and stderr, once per run, from the command line
/// (--no-color, --wide), the environment (NO_COLOR, COLUMNS, TERM) and whether each stream is a terminal.
/// </summary>
internal static class Terminal
{
    private const int StdoutDescriptor = 1;
    private const int StderrDescriptor = 2;

    /// <summary>The width when a terminal does not say its own, and of a pipe or a file without --wide or COLUMNS.</summary>
    public const int FallbackWidth = 80;

    public static OutputStyle Stdout { get; private set; } = OutputStyle.Plain;

    public static OutputStyle Stderr { get; private set; } = OutputStyle.Plain;

    /// <summary>When the command started (a Stopwatch timestamp): <see cref="Progress"/> shows only once it has run a while.</summary>
    public static long Started { get; private set; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public static void Configure(ParseResult parse)
    {
        Started = System.Diagnostics.Stopwatch.GetTimestamp();
        Console.SetOut(DescriptorStream.Writer(StdoutDescriptor));
        Console.SetError(DescriptorStream.Writer(StderrDescriptor));
        var noColor = parse.GetValue(GlobalOptions.NoColor);
        var wide = parse.GetValue(GlobalOptions.Wide);
        Stdout = Decide(noColor, wide, TerminalDescriptor.IsTerminal(StdoutDescriptor), Environment.GetEnvironmentVariable,
            () => TerminalDescriptor.Columns(StdoutDescriptor));
        Stderr = Decide(noColor, wide, TerminalDescriptor.IsTerminal(StderrDescriptor), Environment.GetEnvironmentVariable,
            () => TerminalDescriptor.Columns(StderrDescriptor));
    }

    /// <summary>
    /// Color only on a terminal, and not under --no-color, a non-empty NO_COLOR (no-color.org) or TERM=dumb.
    /// Width: unlimited with --wide; else COLUMNS when it is a positive number; else the terminal's width;
    /// else (a pipe or a file, or a terminal that does not say) <see cref="FallbackWidth"/> (issue 17 #1), so
    /// `modgate log | less` reads as it would on a terminal. Scripts that grep whole records pass --wide (or use
    /// --json); data written to stdout (a generated policy, JSON) never depends on the width.
    /// </summary>
    public static OutputStyle Decide(bool noColorOption, bool wide, bool isTerminal, Func<string, string?> environment, Func<int?> terminalColumns)
    {
        var color = isTerminal && !noColorOption && string.IsNullOrEmpty(environment("NO_COLOR")) && environment("TERM") != "dumb";
        return new OutputStyle(color, isTerminal, () =>
        {
            if (wide) return OutputStyle.Unlimited;
            if (int.TryParse(environment("COLUMNS"), System.Globalization.NumberStyles.None, null, out var columns) && columns > 0) return columns;
            return (isTerminal ? terminalColumns() : null) ?? FallbackWidth;
        });
    }
}
