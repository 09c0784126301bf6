namespace Modgate.Enforcement.Lock;

/// <summary>
/// The change was refused because the policy is locked until reboot (exit code 5 in the CLI). An
/// InvalidOperationException still, for the callers that answer any refused change alike.
/// </summary>
public sealed class PolicyLockedException(string message) : InvalidOperationException(message);
