namespace Modgate.Policy;

public enum Severity : byte
{
    Error,
    Warning,
}

/// <summary>One finding about a policy, printed the way compilers print them: <c>FILE:LINE:COL: error: MESSAGE</c>.</summary>
public sealed record Diagnostic(Severity Severity, SourcePosition Position, string Message)
{
    public static Diagnostic Error(SourcePosition at, string message) => new(Severity.Error, at, message);

    public static Diagnostic Warning(SourcePosition at, string message) => new(Severity.Warning, at, message);

    /// <summary>A finding about a whole file (it cannot be read, say) has line 0 and prints as <c>FILE: error: …</c>.</summary>
    public static Diagnostic FileError(string file, string message) => new(Severity.Error, new SourcePosition(file, 0, 0), message);

    public override string ToString() =>
        $"{(Position.Line == 0 ? Position.File : Position.ToString())}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}
