using System.Net.Sockets;
using System.Text;
using Modgate.Enforcement.Agent;
using Modgate.Enforcement.Applying;
using Modgate.Enforcement.Audit;
using Modgate.Enforcement.Lock;
using Modgate.Enforcement.Tests.Audit;

namespace Modgate.Enforcement.Tests.Agent;

/// <summary>The agent's loops with a fake event source and a fake apply; the watchers, the state file and sd_notify are real.</summary>
public sealed class ModgateAgentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("modgate-agent-").FullName;
    private readonly StringWriter _logText = new();
    private readonly TextWriter _log;
    private readonly FakeEventSource _source = new();
    private readonly List<AuditEvent> _written = [];
    private readonly List<bool> _applies = [];
    private readonly Socket _notifyListener = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public ModgateAgentTests()
    {
        _log = TextWriter.Synchronized(_logText);
        File.WriteAllText(PolicyFile, "version 1\nautoload privileged\n");
        File.WriteAllText(AliasFile, "alias tty-ldisc-13 n_hdlc\n");
        _notifyListener.Bind(new UnixDomainSocketEndPoint(NotifySocket));
        _notifyListener.ReceiveTimeout = 5000;
    }

    public void Dispose()
    {
        _notifyListener.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string PolicyFile => Path.Combine(_dir, "policy.conf");
    private string AliasFile => Path.Combine(_dir, "modules.alias");
    private string StatePath => Path.Combine(_dir, "run", "agent.json");
    private string NotifySocket => Path.Combine(_dir, "notify");
    private string Log => _logText.ToString();

    private AgentSettings Settings(Func<bool, ApplyResult> apply, Func<IAuditEventSource>? open = null) =>
        Settings((treeChanged, _) => apply(treeChanged), open);

    private AgentSettings Settings(Func<bool, Action, ApplyResult> apply, Func<IAuditEventSource>? open = null) => new(
        Apply: (treeChanged, beforeLock) =>
        {
            lock (_applies) _applies.Add(treeChanged);
            return apply(treeChanged, beforeLock);
        },
        OpenSource: open ?? (() => _source),
        Sinks: [e => { lock (_written) _written.Add(e); }],
        PolicyWatcher: new FileSetWatcher(() => [PolicyFile]),
        TreeWatcher: new FileSetWatcher(() => [AliasFile]),
        StatePath: StatePath,
        Log: _log,
        Time: TimeProvider.System,
        Notify: new SystemdNotify(NotifySocket)) { WatchInterval = TimeSpan.FromMilliseconds(50) };

    /// <summary>An agent running on its own thread, as `modgate agent` runs on the main one.</summary>
    private sealed class Running
    {
        private readonly Thread _thread;
        private ApplyResult? _result;

        public Running(AgentSettings settings)
        {
            _thread = new Thread(() => _result = new ModgateAgent(settings).Run(Stop.Token));
            _thread.Start();
        }

        public CancellationTokenSource Stop { get; } = new();

        /// <summary>Stops the agent (SIGTERM does the same) and returns what Run returned.</summary>
        public ApplyResult? StopAndWait()
        {
            Stop.Cancel();
            Assert.True(_thread.Join(TimeSpan.FromSeconds(10)), "the agent did not stop");
            return _result;
        }
    }

    private static Running Start(AgentSettings settings) => new(settings);

    private string ReceiveNotification()
    {
        var buffer = new byte[4096];
        return Encoding.UTF8.GetString(buffer, 0, _notifyListener.Receive(buffer));
    }

    private static void WaitFor(Func<bool> condition, string what) => Eventually.Until(condition, what);

    private int Applies { get { lock (_applies) return _applies.Count; } }

    [Fact]
    public void Applies_at_start_reports_ready_writes_events_and_state_and_stops_cleanly()
    {
        var agent = Start(Settings(_ => ApplyResults.Applied(1)));

        Assert.Equal("READY=1\nSTATUS=applied generation 1 (" + ApplyResults.Applied(1).Policy!.Digest + ")", ReceiveNotification());
        _source.KernelDropped = 2;
        _source.Emit(AuditSamples.Denied(), AuditSamples.Denied("tty-ldisc-15"));
        WaitFor(() => AgentState.Read(StatePath) is { EventsWritten: 2, KernelDropped: 2 }, "the state file to count 2 records");
        Assert.Null(agent.StopAndWait());
        Assert.Equal("STOPPING=1", ReceiveNotification());
        Assert.Equal(["tty-ldisc-13", "tty-ldisc-15"], _written.Select(e => e.Request));
        var state = AgentState.Read(StatePath)!;
        Assert.Equal((Environment.ProcessId, 0L), (state.Pid, state.EventsNotWritten));
        Assert.True(state.IsRunning); // this test process wrote it
        Assert.StartsWith("applied generation 1 (sha256:", state.LastReloadResult);
        Assert.Contains($"modgate: agent: start: applied policy sha256:", Log);
        Assert.EndsWith("modgate: agent: stopped after writing 2 audit records; enforcement stays in force\n", Log);
        Assert.Equal([false], _applies);
    }

    [Fact]
    public void A_policy_edit_is_applied_again_and_depmod_rereads_the_tree()
    {
        uint generation = 0;
        var agent = Start(Settings(_ => ApplyResults.Applied(++generation)));
        ReceiveNotification();

        File.WriteAllText(PolicyFile, "version 1\nautoload off\n");
        WaitFor(() => Applies == 2, "the reload after the edit");
        File.WriteAllText(AliasFile, "alias tty-ldisc-13 n_hdlc\nalias tty-ldisc-15 n_gsm\n");
        WaitFor(() => Applies == 3, "the reload after depmod");
        agent.StopAndWait();

        Assert.Equal([false, false, true], _applies);
        Assert.Contains("modgate: agent: policy files changed: applied policy", Log);
        Assert.Contains("modgate: agent: module tree changed (depmod): applied policy", Log);
        Assert.Equal("applied generation 3", AgentState.Read(StatePath)!.LastReloadResult![..20]);
    }

    [Fact]
    public void A_broken_policy_keeps_the_one_in_force_and_logs_every_error_with_file_line_and_column()
    {
        var agent = Start(Settings(_ => ApplyResults.LoadOnly(PolicyFile, 1)));
        ReceiveNotification();

        File.WriteAllText(PolicyFile, "version 1\nautoload sometimes\n");
        WaitFor(() => Applies == 2, "the reload of the broken file");
        agent.StopAndWait();

        Assert.Contains($"{PolicyFile}:2:10: error: ", Log);
        Assert.Contains("modgate: agent: policy files changed: the policy has errors; the policy in force is unchanged\n", Log);
        Assert.Equal("refused: the policy has errors; the policy in force is unchanged", AgentState.Read(StatePath)!.LastReloadResult);
    }

    [Fact]
    public void Locked_at_start_keeps_running_and_says_once_that_the_locked_policy_stays()
    {
        const string Why = "policy is locked until reboot (locked since 2026-11-25 12:00:00Z)";
        var agent = Start(Settings(_ => ApplyResults.Failed(ApplyFailure.Locked, Why)));
        Assert.StartsWith("READY=1", ReceiveNotification());

        File.WriteAllText(PolicyFile, "version 1\nautoload off\n");
        WaitFor(() => Applies == 2, "the refused reload");
        agent.StopAndWait();

        Assert.Single(Log.Split('\n'), line => line.Contains("locked", StringComparison.Ordinal) && !line.Contains("stopped", StringComparison.Ordinal));
        Assert.Contains($"modgate: agent: start: {Why}; the locked policy stays in force\n", Log);
        Assert.Equal("refused: the policy is locked until reboot", AgentState.Read(StatePath)!.LastReloadResult);
        Assert.True(_source.Polls > 0, "events are read while locked too");
    }

    [Fact]
    public void Without_root_or_BPF_LSM_the_agent_does_not_start()
    {
        var result = new ModgateAgent(Settings(_ => ApplyResults.Failed(ApplyFailure.NoBpfLsm, "bpf not in active LSM list (lockdown,capability)")))
            .Run(CancellationToken.None);

        Assert.Equal(ApplyFailure.NoBpfLsm, result!.Failure);
        Assert.Contains("modgate: agent: start: bpf not in active LSM list (lockdown,capability)\n", Log);
        _notifyListener.ReceiveTimeout = 200;
        Assert.Throws<SocketException>(ReceiveNotification); // never said READY
    }

    [Fact]
    public void Events_start_flowing_once_a_source_can_be_opened_and_the_loss_before_is_reported()
    {
        var opens = 0;
        IAuditEventSource Open()
        {
            if (Interlocked.Increment(ref opens) < 3) throw new IOException("/sys/fs/bpf/modgate/maps/mg_events: No such file or directory");
            _source.KernelDropped = 40;
            return _source;
        }
        var agent = Start(Settings(_ => ApplyResults.Failed(ApplyFailure.PolicyErrors, "the policy has errors; the policy in force is unchanged"), Open));
        ReceiveNotification();
        _source.Emit(AuditSamples.Denied());
        WaitFor(() => AgentState.Read(StatePath) is { EventsWritten: 1, KernelDropped: 40 }, "the first record");
        agent.StopAndWait();

        Assert.Single(Log.Split('\n'), line => line.Contains("no audit events yet", StringComparison.Ordinal));
        Assert.Contains("modgate: agent: the kernel has dropped 40 audit events since boot (ring buffer full: no agent, or one too slow, drained it)\n", Log);
    }

    [Fact]
    public void The_lock_directive_locks_after_the_event_source_is_open_and_later_edits_are_refused_once()
    {
        var order = new List<string>();
        const string Why = "policy is locked until reboot (locked since 2026-11-25 12:00:00Z)";
        var agent = Start(Settings((_, beforeLock) =>
            {
                if (Applies != 1) return ApplyResults.Failed(ApplyFailure.Locked, Why);
                beforeLock();
                order.Add("lock");
                return ApplyResults.Applied(1, "version 1\nlock\n") with { Lock = new LockOutcome(false, DateTimeOffset.UnixEpoch, 7, 10, 9, 30, false) };
            },
            () => { order.Add("open"); return _source; }));
        Assert.EndsWith("; locked", ReceiveNotification());
        File.WriteAllText(PolicyFile, "version 1\nautoload classic\n");
        WaitFor(() => Applies == 2, "the first refused edit");
        File.WriteAllText(PolicyFile, "version 1\nautoload classic\n# again\n");
        WaitFor(() => Applies == 3, "the second refused edit");
        agent.StopAndWait();

        Assert.Equal(["open", "lock"], order);
        Assert.Contains("modgate: agent: policy locked until reboot (the lock directive; 7 programs, 10 maps protected)\n", Log);
        Assert.Single(Log.Split('\n'), line => line == $"modgate: agent: policy files changed: {Why}; the locked policy stays in force");
    }
}
