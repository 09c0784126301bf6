namespace Modgate.Cli.Output;

/// <summary>The few colors modgate uses, as SGR escape sequences: what went wrong in red, what is safe in green, what is half-way in yellow.</summary>
internal enum Hue : byte
{
    None,
    Bad,
    Good,
    Caution,
    Strong,
    Warning,
}

internal static class Paint
{
    private const string Reset = "\e[0m";

    /// <summary>TEXT in HUE when the stream takes color; the text alone otherwise.</summary>
    public static string With(this OutputStyle style, Hue hue, string text) =>
        !style.Color || hue == Hue.None || text.Length == 0 ? text : Code(hue) + text + Reset;

    private static string Code(Hue hue) => hue switch
    {
        Hue.Bad => "\e[1;31m",
        Hue.Good => "\e[32m",
        Hue.Caution => "\e[33m",
        Hue.Strong => "\e[1m",
        _ => "\e[1;35m",
    };
}
