namespace Modgate.Cli.AuditLog;

/// <summary>Where a generated policy goes: stdout, or a file replaced atomically (a reader never sees half a policy).</summary>
internal static class PolicyOutput
{
    /// <summary>
    /// Policy text: shown on a terminal, its comments are fitted to the width (<see cref="Output.PolicyTextFitting"/>).
    /// Written to a pipe or a file (`learn &gt; policy.conf`) it is data: byte for byte the text -o writes, whatever
    /// the width (a pipe's 80 columns, COLUMNS).
    /// </summary>
    public static int WritePolicy(string command, string text, string? path) =>
        Write(command, path is null && Output.Terminal.Stdout.IsTerminal ? Output.PolicyTextFitting.Fit(text, Output.Terminal.Stdout.Width) : text, path);

    public static int Write(string command, string text, string? path)
    {
        if (path is null)
        {
            Console.Out.Write(text);
            return Commands.ExitCodes.Success;
        }
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, full, overwrite: true);
            return Commands.ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The write failed already; that is the error worth reporting.
            }
            Console.Error.WriteLine(Commands.CommandErrors.ReaderLine(command, $"cannot write {full}: {e.Message}"));
            return e is UnauthorizedAccessException ? Commands.ExitCodes.PermissionDenied : Commands.ExitCodes.Failure;
        }
    }
}
