namespace Modgate.Policy;

/// <summary>Where something was written: file name as given, 1-based line and column (in characters).</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";

    /// <summary>The `file:line` form used in audit records and `simulate`.</summary>
    public string FileAndLine => $"{File}:{Line}";
}
