using System.Diagnostics;

namespace Modgate.Cli.Tests;

/// <summary>The result of one run of the real `modgate` program.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the built `modgate` (the CLI project's output copied next to the tests) in its own process, so
/// exit codes, stdout and stderr are what a user sees; nothing is shared between parallel tests.
/// </summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args) => RunWith(new Dictionary<string, string?>(), args);

    /// <summary>Runs with these environment variables set (null: removed) on top of the default NO_COLOR=1, COLUMNS unset.</summary>
    public static CliResult RunWith(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunWithProgram("dotnet", environment, [Path.Combine(AppContext.BaseDirectory, "modgate.dll"), .. args]);

    /// <summary>
    /// Runs modgate with stdout on a real pseudo-terminal (script(1)), with the environment of <see cref="RunWith"/>.
    /// Its stderr goes to a file, so that it is neither mixed into stdout nor a terminal (no progress line).
    /// </summary>
    public static CliResult RunOnTerminal(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var stderr = Path.GetTempFileName();
        try
        {
            var result = RunOnPseudoTerminal(environment, $"{ShellCommand(args)} 2>{Quote(stderr)}");
            // The terminal turns each "\n" into "\r\n" (onlcr).
            return new CliResult(result.ExitCode, result.Stdout.Replace("\r\n", "\n"), File.ReadAllText(stderr));
        }
        finally
        {
            File.Delete(stderr);
        }
    }

    /// <summary>The shell command line that runs modgate with ARGS.</summary>
    public static string ShellCommand(params string[] args) =>
        string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "modgate.dll") }.Concat(args).Select(Quote));

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>
    /// Runs the shell COMMAND under script(1), its stdout on a pseudo-terminal, and returns what the terminal showed.
    /// script's typescript goes to a file of this run and its stdin is a closed pipe: with /dev/null as either,
    /// runs in parallel share one file wherever /dev/null is not the device (a sandbox's regular file), and one run's
    /// typescript is read by another as typed input and echoed into its output.
    /// </summary>
    public static CliResult RunOnPseudoTerminal(IReadOnlyDictionary<string, string?> environment, string command)
    {
        var typescript = Path.GetTempFileName();
        try
        {
            return RunWithProgram("script", environment, "-q", "-e", "-c", command, typescript);
        }
        finally
        {
            File.Delete(typescript);
        }
    }

    /// <summary>Runs PROGRAM (modgate under dotnet, or a wrapper such as script(1)) with the environment of <see cref="RunWith"/>.</summary>
    public static CliResult RunWithProgram(string program, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            // stdin is a pipe closed at once: end of input at the first read, whatever the test host's stdin is.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        // The width of the terminal dotnet test was started from must not leak into the output tests compare.
        start.Environment.Remove("COLUMNS");
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
