using System.Text;

namespace Modgate.Kernel.Learn;

/// <summary>Writes generated policy text: a header comment block, then rules with their reason aligned as a comment.</summary>
internal sealed class PolicyText
{
    private const int CommentColumn = 40;

    private readonly StringBuilder _text = new();

    public PolicyText Comment(string comment)
    {
        foreach (var line in comment.Split('\n'))
            _text.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');
        return this;
    }

    public PolicyText Blank()
    {
        _text.Append('\n');
        return this;
    }

    public PolicyText Directive(string directive, string? reason = null)
    {
        _text.Append(directive);
        if (reason is not null)
            _text.Append(' ', Math.Max(1, CommentColumn - directive.Length)).Append("# ").Append(OneLine(reason));
        _text.Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    // A reason is one comment line: a newline in it (a file name, a comm) would end the comment and start a directive.
    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');
}
