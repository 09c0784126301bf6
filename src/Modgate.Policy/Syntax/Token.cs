namespace Modgate.Policy;

/// <summary>A whitespace-separated word of a policy line and the column where it starts.</summary>
internal readonly record struct Token(string Text, int Column);

internal static class Lexer
{
    /// <summary>The words of one line, up to a <c>#</c> comment.</summary>
    public static List<Token> Tokenize(string line)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && IsBlank(line[i])) i++;
            if (i >= line.Length || line[i] == '#') break;
            var start = i;
            while (i < line.Length && !IsBlank(line[i]) && line[i] != '#') i++;
            tokens.Add(new Token(line[start..i], start + 1));
        }
        return tokens;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\v' or '\f';
}
