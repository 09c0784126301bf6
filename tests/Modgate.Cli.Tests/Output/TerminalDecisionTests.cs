using Modgate.Cli.Output;

namespace Modgate.Cli.Tests.Output;

/// <summary>The one decision of color and width (Output/Terminal.cs), for every input that changes it.</summary>
public sealed class TerminalDecisionTests
{
    private static OutputStyle Decide(bool terminal, bool noColor = false, bool wide = false, string? noColorEnv = null, string? columns = null,
        string? term = "xterm-256color", int? terminalColumns = 132)
    {
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = noColorEnv, ["COLUMNS"] = columns, ["TERM"] = term };
        return Terminal.Decide(noColor, wide, terminal, name => environment.GetValueOrDefault(name), () => terminalColumns);
    }

    [Fact]
    public void A_terminal_gets_color_and_its_own_width()
    {
        var style = Decide(terminal: true);
        Assert.Equal((true, 132), (style.Color, style.Width));
    }

    [Theory]
    [InlineData(true, null, "xterm")]
    [InlineData(false, "1", "xterm")]
    [InlineData(false, "0", "xterm")]
    [InlineData(false, null, "dumb")]
    public void No_color_option_no_color_variable_and_a_dumb_terminal_turn_color_off(bool option, string? variable, string term) =>
        Assert.False(Decide(terminal: true, noColor: option, noColorEnv: variable, term: term).Color);

    [Fact]
    public void An_empty_no_color_variable_does_not_count() => Assert.True(Decide(terminal: true, noColorEnv: "").Color);

    [Fact]
    public void A_pipe_gets_no_color_and_80_columns()
    {
        // The terminal's width must not be asked for a pipe: the 132 it would say is not what the pipe gets.
        var style = Decide(terminal: false);
        Assert.Equal((false, 80), (style.Color, style.Width));
    }

    [Fact]
    public void Wide_in_a_pipe_removes_the_limit() =>
        Assert.Equal(OutputStyle.Unlimited, Decide(terminal: false, wide: true).Width);

    [Fact]
    public void Wide_in_a_pipe_wins_over_columns() =>
        Assert.Equal(OutputStyle.Unlimited, Decide(terminal: false, wide: true, columns: "100").Width);

    [Theory]
    [InlineData(true, "100", 100)]
    [InlineData(false, "100", 100)]
    [InlineData(true, "junk", 132)]
    [InlineData(true, "0", 132)]
    [InlineData(false, "junk", 80)]
    [InlineData(false, "0", 80)]
    public void Columns_sets_the_width_when_it_is_a_positive_number(bool terminal, string columns, int expected) =>
        Assert.Equal(expected, Decide(terminal, columns: columns).Width);

    [Fact]
    public void Wide_removes_the_limit_even_on_a_terminal_with_columns() =>
        Assert.Equal(OutputStyle.Unlimited, Decide(terminal: true, wide: true, columns: "80").Width);

    [Fact]
    public void A_terminal_that_does_not_say_its_width_gets_80() =>
        Assert.Equal(80, Decide(terminal: true, terminalColumns: null).Width);
}
