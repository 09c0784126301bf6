using System.Collections.Concurrent;
using Modgate.Enforcement.Agent;
using Modgate.Enforcement.Applying;
using Modgate.Enforcement.Audit;
using Modgate.Policy;

namespace Modgate.Enforcement.Tests.Agent;

/// <summary>The unit-test seam of the agent: an event source fed by the test instead of the kernel's ring buffer.</summary>
internal sealed class FakeEventSource : IAuditEventSource
{
    private readonly ConcurrentQueue<AuditEvent> _pending = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public ulong KernelDropped { get; set; }
    public int Polls;
    public bool Disposed;

    public void Emit(params AuditEvent[] events)
    {
        foreach (var e in events) _pending.Enqueue(e);
        _arrived.Release();
    }

    public int Poll(int timeoutMs, Action<AuditEvent> onEvent)
    {
        Interlocked.Increment(ref Polls);
        if (_pending.IsEmpty) _arrived.Wait(timeoutMs);
        var count = 0;
        while (_pending.TryDequeue(out var e))
        {
            onEvent(e);
            count++;
        }
        return count;
    }

    public void Dispose() => Disposed = true;
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

internal static class ApplyResults
{
    public static ApplyResult Applied(uint generation, string policyText = "version 1\nautoload privileged\n") =>
        new(ApplyFailure.None, [], Loaded(policyText), PolicyCompiler.Compile(Loaded(policyText).Document!), [], generation);

    public static ApplyResult Failed(ApplyFailure failure, string error) =>
        new(failure, [error], new LoadResult(null, []), null, null, 0);

    /// <summary>The real loader on the test's files, as the real pipeline starts: errors come back as they would from apply.</summary>
    public static ApplyResult LoadOnly(string path, uint generation) => PolicyLoader.Load([path]) is { HasErrors: true } broken
        ? new ApplyResult(ApplyFailure.PolicyErrors, ["the policy has errors; the policy in force is unchanged"], broken, null, null, 0)
        : new ApplyResult(ApplyFailure.None, [], PolicyLoader.Load([path]), PolicyCompiler.Compile(PolicyLoader.Load([path]).Document!), [],
            generation);

    private static LoadResult Loaded(string text) => PolicyLoader.LoadText("/etc/modgate/policy.conf", text);
}
