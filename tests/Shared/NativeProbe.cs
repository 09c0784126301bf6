using System.Diagnostics;
using Xunit;

namespace Modgate.Tests.Shared;

/// <summary>
/// Runs native tools (gcc and the programs it builds) for the layout tests, which ask the C compiler
/// itself for sizes and offsets of the structs shared with the kernel. Linked into each test project that needs it.
/// </summary>
internal static class NativeProbe
{
    public static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {arguments} failed ({process.ExitCode}): {error}");
        return output;
    }
}
