using Modgate.Enforcement.Applying;
using Modgate.Enforcement.Audit;

namespace Modgate.Enforcement.Agent;

/// <summary>Everything the agent's loop works with; <see cref="ModgateAgent.ForSystem"/> wires the real ones, unit tests fakes.</summary>
/// <param name="Apply">Applies the policy (and its `lock` directive); the first argument says the module tree changed (depmod)
/// and must be read again, the second runs before a `lock` directive takes effect.</param>
/// <param name="OpenSource">Opens the kernel's event source (the pinned ring buffer); throws when there is none yet.</param>
/// <param name="Sinks">Where each record goes, in order (audit.jsonl, then the journal when it runs).</param>
public sealed record AgentSettings(
    Func<bool, Action, ApplyResult> Apply,
    Func<IAuditEventSource> OpenSource,
    IReadOnlyList<Action<AuditEvent>> Sinks,
    FileSetWatcher PolicyWatcher,
    FileSetWatcher TreeWatcher,
    string StatePath,
    TextWriter Log,
    TimeProvider Time,
    SystemdNotify Notify)
{
    /// <summary>How often the policy files and the module tree are looked at (a change is applied one poll later).</summary>
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A recurring error (a full disk, a broken journal socket) is printed at most this often.</summary>
    public TimeSpan ErrorInterval { get; init; } = TimeSpan.FromMinutes(1);
}
