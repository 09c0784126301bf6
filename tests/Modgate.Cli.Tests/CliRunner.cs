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
    public static string RepoRoot { get; } = FindRepoRoot();

    public static CliResult Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "modgate.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Modgate.sln"))) return dir.FullName;
        throw new InvalidOperationException("Modgate.sln not found above " + AppContext.BaseDirectory);
    }
}
