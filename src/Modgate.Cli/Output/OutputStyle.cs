namespace Modgate.Cli.Output;

/// <summary>How one output stream is written: whether it gets color, and how many columns a line may take.</summary>
internal sealed class OutputStyle
{
    /// <summary>No limit: --wide. Every column and every line is printed whole.</summary>
    public const int Unlimited = int.MaxValue;

    /// <summary>Plain text of any length: the style before <see cref="Terminal.Configure"/> has decided one (what --wide gets).</summary>
    public static readonly OutputStyle Plain = new(false, false, () => Unlimited);

    private readonly Lazy<int> _width;

    public OutputStyle(bool color, bool isTerminal, Func<int> width)
    {
        Color = color;
        IsTerminal = isTerminal;
        // Asked on first use: `check` never lays out a table and should not pay for the question.
        _width = new Lazy<int>(width, LazyThreadSafetyMode.None);
    }

    public bool Color { get; }

    public bool IsTerminal { get; }

    public int Width => _width.Value;

    public bool Fits(int length) => Width == Unlimited || length <= Width;
}
