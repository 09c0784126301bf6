using System.Diagnostics;

namespace Modgate.Cli.Tests.Agent;

/// <summary>packaging/systemd/modgate.service passes systemd's own checker (systemd-analyze verify, from scripts/setup.sh).</summary>
public sealed class ServiceUnitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("modgate-unit-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string UnitFile => Path.Combine(RepositoryRoot.Path, "packaging", "systemd", "modgate.service");

    /// <summary>
    /// Verifies the unit as installed in a scratch root (--root): the unit in /usr/lib/systemd/system and the built
    /// modgate at /usr/sbin/modgate, where ExecStart looks for it. --man=no: the man page is not installed there.
    /// systemd-analyze prints problems it "ignores" (unknown keys, bad values) on stderr and still exits 0, so both count.
    /// </summary>
    private (int ExitCode, string Stderr) Verify(string unitText)
    {
        var units = Directory.CreateDirectory(Path.Combine(_root, "usr", "lib", "systemd", "system")).FullName;
        File.WriteAllText(Path.Combine(units, "modgate.service"), unitText);
        Directory.CreateDirectory(Path.Combine(_root, "usr", "sbin"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "modgate"), Path.Combine(_root, "usr", "sbin", "modgate"), overwrite: true);
        var start = new ProcessStartInfo("systemd-analyze") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "verify", "--man=no", $"--root={_root}", "/usr/lib/systemd/system/modgate.service" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr.Result);
    }

    [Fact]
    public void The_unit_passes_systemd_analyze_verify_without_a_complaint()
    {
        Assert.Equal((0, ""), Verify(File.ReadAllText(UnitFile)));
    }

    [Fact]
    public void The_check_is_not_blind_a_bad_value_is_reported()
    {
        var (_, stderr) = Verify(File.ReadAllText(UnitFile).Replace("RestartSec=2s", "RestartSec=2x", StringComparison.Ordinal));
        Assert.Contains("modgate.service:", stderr);
        Assert.Contains("Failed to parse sec value, ignoring: 2x", stderr);
    }

    [Fact]
    public void The_unit_is_a_notify_service_running_the_agent_and_writing_where_modgate_writes()
    {
        var lines = File.ReadAllLines(UnitFile);
        Assert.Contains("Type=notify", lines);
        Assert.Contains("ExecStart=/usr/sbin/modgate agent", lines);
        Assert.Contains("Restart=on-failure", lines);
        Assert.Contains("ReadWritePaths=/sys/fs/bpf /run/modgate /var/log/modgate", lines);
        Assert.Contains(lines, l => l.StartsWith("Before=systemd-modules-load.service systemd-udev-trigger.service", StringComparison.Ordinal));
    }
}
