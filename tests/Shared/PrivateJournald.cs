using System.Diagnostics;

namespace Modgate.Tests.Shared;

/// <summary>
/// Debian's real systemd-journald in a private mount namespace (private-journald.sh, next to the test assembly), for
/// the tests that send records through the journal sink and read them back as a user would. Needs root (unshare,
/// mount); without it the test fails with the reason, it is not skipped. Dispose stops it.
/// </summary>
internal sealed class PrivateJournald : IDisposable
{
    private readonly Process _unshare;

    public PrivateJournald()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Shared", "private-journald.sh");
        _unshare = Process.Start(new ProcessStartInfo("unshare", ["--mount", "--propagation", "private", "--fork", "bash", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        if (!int.TryParse(_unshare.StandardOutput.ReadLine(), out var pid))
        {
            _unshare.WaitForExit();
            throw new InvalidOperationException($"private journald did not start (exit {_unshare.ExitCode}): {_unshare.StandardError.ReadToEnd()}");
        }
        Pid = pid;
    }

    /// <summary>journald's pid; its files are seen through /proc/PID/root.</summary>
    public int Pid { get; }

    /// <summary>The native socket a <c>JournalSink</c> writes to.</summary>
    public string Socket => $"/proc/{Pid}/root/run/systemd/journal/socket";

    /// <summary>The journal directory, for <c>journalctl --directory</c> and <c>modgate log --journal-directory</c>.</summary>
    public string Directory => $"/proc/{Pid}/root/run/log/journal";

    public void Dispose()
    {
        _unshare.Kill(entireProcessTree: true);
        _unshare.WaitForExit();
        _unshare.Dispose();
    }
}
