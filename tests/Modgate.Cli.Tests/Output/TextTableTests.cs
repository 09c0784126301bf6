using Modgate.Cli.Output;

namespace Modgate.Cli.Tests.Output;

public sealed class TextTableTests
{
    private static readonly TableColumn[] Columns =
    [
        new("NAME"),
        new("VERDICT", Priority: 1, MinWidth: 10),
        new("NOTE", Priority: 5, MinWidth: 10),
    ];

    private static readonly TableCell[][] Rows =
    [
        ["n_hdlc", "open", "ioctl(tty_fd, TIOCSETD, N_HDLC)"],
        ["appletalk", "blocked: rule at policy.conf:3", "socket(AF_APPLETALK, SOCK_DGRAM, 0)"],
    ];

    private static IReadOnlyList<string> Lay(int width) =>
        TextTable.Layout(Columns, Rows, new OutputStyle(false, true, () => width)).Lines;

    [Fact]
    public void Wide_enough_shows_every_cell_whole() =>
        Assert.Equal(
            [
                "NAME       VERDICT                         NOTE",
                "n_hdlc     open                            ioctl(tty_fd, TIOCSETD, N_HDLC)",
                "appletalk  blocked: rule at policy.conf:3  socket(AF_APPLETALK, SOCK_DGRAM, 0)",
            ], Lay(200));

    [Fact]
    public void The_least_important_column_gives_way_first()
    {
        var lines = Lay(60);
        Assert.All(lines, l => Assert.True(l.Length <= 60, l));
        Assert.Equal("appletalk  blocked: rule at policy.conf:3  socket…", lines[2]);
    }

    [Fact]
    public void A_column_that_cannot_fit_is_left_out_and_named()
    {
        var layout = TextTable.Layout(Columns, Rows, new OutputStyle(false, true, () => 30));
        Assert.Equal(["NOTE"], layout.LeftOut);
        Assert.Equal("appletalk  blocked: rule at…", layout.Lines[2]);
    }

    [Fact]
    public void Color_goes_around_the_text_and_not_the_padding()
    {
        var rows = new[] { new TableCell[] { "a", new("open", Hue.Bad), "x" } };
        var line = TextTable.Layout(Columns, rows, new OutputStyle(true, true, () => 200)).Lines[1];
        Assert.Equal("a     \e[1;31mopen\e[0m     x", line);
    }
}
