using Modgate.Bpf;
using Modgate.Enforcement.Audit;
using Modgate.Enforcement.Lock;
using Modgate.Enforcement.Tables;

namespace Modgate.Enforcement.Agent;

/// <summary>The agent's settings on a real system: the BPF LSM apply pipeline, audit.jsonl and the journal, /run/modgate.</summary>
public static class SystemAgent
{
    /// <param name="policyPaths">Policy files or directories (none: /etc/modgate), watched for changes.</param>
    /// <param name="treeDirectory">The running kernel's module tree; its modules.alias/modules.dep are watched for depmod.</param>
    public static AgentSettings Settings(IReadOnlyList<string> policyPaths, string treeDirectory, Func<IAuditEventSource> openSource,
        AuditJsonlWriter jsonl, JournalSink journal, TextWriter log)
    {
        // The module tree is read once, until depmod rewrites it: the table builder keeps what it derives from a catalog
        // (Tables/CatalogKeys.cs), so a policy edit applies without reading or resolving the tree again.
        IRequestCatalog? catalog = null;
        return new AgentSettings(
            Apply: treeChanged =>
            {
                if (treeChanged) catalog = null;
                return PolicyApplier.Apply(policyPaths, treeDirectory,
                    () => catalog ??= PolicyApplier.ReadCatalog(treeDirectory));
            },
            OpenSource: openSource,
            // journald may start after the agent (or never run, as in an initramfs): asked per record.
            Sinks: [jsonl.Write, e => { if (journal.IsAvailable) journal.Write(e); }],
            PolicyWatcher: new FileSetWatcher(() => FileSetWatcher.PolicyFiles(policyPaths)),
            TreeWatcher: new FileSetWatcher(() => FileSetWatcher.ModuleTreeFiles(treeDirectory)),
            Lock: LockPolicy,
            StatePath: AgentState.DefaultPath,
            Log: log,
            Time: TimeProvider.System,
            Notify: SystemdNotify.FromEnvironment());
    }

    private static string LockPolicy()
    {
        try
        {
            var outcome = PolicyLock.Lock(DateTimeOffset.UtcNow);
            return outcome.AlreadyLocked
                ? $"already locked since {outcome.Since:u}"
                : $"policy locked until reboot (the lock directive; {outcome.Programs} programs, {outcome.Maps} maps protected" +
                  $"{(outcome.ModulesDisabled ? "; kernel.modules_disabled=1" : "")})";
        }
        catch (Exception e) when (ExpectedFailure.Is(e))
        {
            throw new AgentLockException(e.Message);
        }
    }
}
