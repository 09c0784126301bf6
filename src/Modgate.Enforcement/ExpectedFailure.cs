using Modgate.Bpf;
using Modgate.Enforcement.Lock;

namespace Modgate.Enforcement;

/// <summary>
/// The failures that enforcing, locking and removing a policy can meet on a working system (the kernel refuses a
/// call, a file cannot be read or written, the state on disk is not what modgate wrote, a setting is wrong): `modgate`
/// reports them in one line with an exit code, the agent in its log. Anything else is a bug and keeps its stack trace.
/// </summary>
public static class ExpectedFailure
{
    public static bool Is(Exception e) => e is SyscallException or ConfigurationException or NothingToLockException
        or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException;
}
