using Modgate.Enforcement.Applying;
using Modgate.Enforcement.Audit;
using Modgate.Enforcement.Lock;

namespace Modgate.Enforcement.Agent;

/// <summary>
/// `modgate agent`: applies the policy at start, reports readiness to systemd, then runs two loops until stopped:
/// one thread drains the kernel's audit events into the sinks (<see cref="AuditEventPump"/>), the calling thread
/// re-applies the policy when its files change or depmod rewrites the module tree, and keeps
/// /run/modgate/agent.json current. Stopping never touches enforcement: the pinned programs stay.
/// </summary>
public sealed class ModgateAgent(AgentSettings settings)
{
    private readonly ThrottledMessage _eventErrors = new(settings.Log, settings.Time, settings.ErrorInterval);
    private readonly object _stateLock = new();
    private readonly DateTimeOffset _started = settings.Time.GetUtcNow();
    private readonly ulong _processStart = AgentState.StartTimeOf(Environment.ProcessId) ?? 0;
    private AuditEventPump? _pump;
    private IAuditEventSource? _source;
    private string? _sourceError;
    private bool _lockReported;
    private DateTimeOffset? _lastReload;
    private string? _lastReloadResult;
    private AgentState? _savedState;

    /// <summary>Runs until <paramref name="stop"/> is cancelled.</summary>
    /// <returns>Null after a clean stop; the failed start's result when the agent cannot work here at all (not root, no BPF LSM).</returns>
    public ApplyResult? Run(CancellationToken stop)
    {
        Say($"starting (pid {Environment.ProcessId})");
        var first = Reload(treeChanged: false, "start");
        if (first.Failure is ApplyFailure.PermissionDenied or ApplyFailure.NoBpfLsm) return first;
        if (_pump is null) TryOpenSource();
        SaveState(); // `status` sees the agent as soon as systemd does

        Notify($"READY=1\nSTATUS={_lastReloadResult}");
        var events = new Thread(() => PumpEvents(stop)) { Name = "modgate audit events", IsBackground = true };
        events.Start();
        while (!stop.WaitHandle.WaitOne(settings.WatchInterval))
        {
            var treeChanged = settings.TreeWatcher.Poll();
            var policyChanged = settings.PolicyWatcher.Poll();
            if (treeChanged || policyChanged)
            {
                Reload(treeChanged, treeChanged ? "module tree changed (depmod)" : "policy files changed");
                Notify($"STATUS={_lastReloadResult}");
            }
            SaveState();
        }
        Notify("STOPPING=1");
        events.Join();
        _source?.Dispose();
        SaveState();
        Say($"stopped after writing {_pump?.Written ?? 0} audit records; enforcement stays in force");
        return null;
    }

    private ApplyResult Reload(bool treeChanged, string why)
    {
        var began = settings.Time.GetTimestamp();
        // Open the event source before a `lock` directive takes effect: once locked, no new descriptor to
        // modgate's maps is handed out.
        var result = settings.Apply(treeChanged, () =>
        {
            if (_pump is null) TryOpenSource();
        });
        var took = (int)settings.Time.GetElapsedTime(began).TotalMilliseconds;
        foreach (var diagnostic in result.Loaded.Diagnostics) settings.Log.WriteLine(diagnostic.ToString());
        string outcome;
        if (result.Applied)
        {
            Say($"{why}: {result.Summary} (in {took} ms)");
            outcome = $"applied generation {result.Generation} ({result.Policy!.Digest})";
            if (_pump is null) TryOpenSource();
            if (result.LockError is { } lockError)
            {
                Say($"lock: {lockError}");
                outcome += $"; lock failed: {lockError}";
            }
            else if (result.Lock is { } locked)
            {
                Say(LockSummary(locked));
                outcome += "; locked";
            }
        }
        else if (result.Failure == ApplyFailure.Locked)
        {
            if (!_lockReported) Say($"{why}: {string.Join("; ", result.Errors)}; the locked policy stays in force");
            _lockReported = true;
            outcome = "refused: the policy is locked until reboot";
        }
        else
        {
            foreach (var error in result.Errors) Say($"{why}: {error}");
            outcome = $"refused: {(result.Errors.Count > 0 ? result.Errors[0] : result.Failure.ToString())}";
        }
        lock (_stateLock)
        {
            _lastReload = settings.Time.GetUtcNow();
            _lastReloadResult = outcome;
        }
        return result;
    }

    private static string LockSummary(LockOutcome outcome) => outcome.AlreadyLocked
        ? $"already locked since {outcome.Since:u}"
        : $"policy locked until reboot (the lock directive; {outcome.Programs} programs, {outcome.Maps} maps protected" +
          $"{(outcome.ModulesDisabled ? "; kernel.modules_disabled=1" : "")})";

    private void PumpEvents(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (Volatile.Read(ref _pump) is not { } pump)
            {
                if (!TryOpenSource()) stop.WaitHandle.WaitOne(AuditEventPump.PollTimeoutMs);
                continue;
            }
            try
            {
                pump.PollOnce();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _eventErrors.Report($"modgate: agent: reading audit events failed: {e.Message}");
                stop.WaitHandle.WaitOne(AuditEventPump.PollTimeoutMs);
            }
        }
    }

    private bool TryOpenSource()
    {
        lock (_stateLock)
        {
            if (_pump is not null) return true;
            try
            {
                var source = _source = settings.OpenSource();
                Volatile.Write(ref _pump, new AuditEventPump(source, settings.Sinks, _eventErrors));
                if (source.KernelDropped > 0)
                    Say($"the kernel has dropped {source.KernelDropped} audit events since boot (ring buffer full: no agent, or one too slow, drained it)");
                Say("reading audit events");
                _sourceError = null;
                return true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Nothing applied yet (no ring buffer pinned), or the kernel refused: say it once, try again later.
                if (_sourceError != e.Message) Say($"no audit events yet: {e.Message}");
                _sourceError = e.Message;
                return false;
            }
        }
    }

    private void SaveState()
    {
        AgentState state;
        lock (_stateLock)
        {
            state = new AgentState(1, Environment.ProcessId, _processStart, _started,
                _pump?.Written ?? 0, _pump?.NotWritten ?? 0, _pump?.KernelDropped ?? 0, _lastReload, _lastReloadResult);
        }
        if (state == _savedState) return;
        try
        {
            state.Save(settings.StatePath);
            _savedState = state;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _eventErrors.Report($"modgate: agent: cannot write {settings.StatePath}: {e.Message}");
        }
    }

    private void Notify(string state)
    {
        if (!settings.Notify.Send(state, out var error)) Say(error!);
    }

    private void Say(string message) => settings.Log.WriteLine($"modgate: agent: {message}");
}
