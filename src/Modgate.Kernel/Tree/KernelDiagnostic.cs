namespace Modgate.Kernel;

public enum DiagnosticSeverity : byte
{
    Warning,
    Error,
}

/// <summary>
/// A problem found while reading a module tree: always names the file (and the line where there is one),
/// so the user can go and look. Reading never throws for bad input; it records one of these instead.
/// </summary>
public sealed record KernelDiagnostic(DiagnosticSeverity Severity, string File, int? Line, string Message)
{
    public static KernelDiagnostic Error(string file, string message, int? line = null) => new(DiagnosticSeverity.Error, file, line, message);

    public static KernelDiagnostic Warning(string file, string message, int? line = null) => new(DiagnosticSeverity.Warning, file, line, message);

    public override string ToString() =>
        $"{File}{(Line is { } l ? $":{l}" : "")}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")}: {Message}";
}
