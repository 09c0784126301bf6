using Modgate.Bpf;
using Modgate.Enforcement.BpfLsm;
using Modgate.Enforcement.Fallback;
using Modgate.Enforcement.Lock;
using Modgate.Enforcement.Status;
using Modgate.Enforcement.Tables;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Enforcement.Applying;

/// <summary>
/// The apply pipeline shared by `modgate apply` and `modgate agent`: load and compile the policy, build the kernel
/// tables against the module tree, check root, the backend and the lock, write the tables (BPF backend: LSM programs
/// where bpf is an active LSM, else the same programs as fmod_ret on security_* functions; the fallback backends where
/// neither loads), record what was applied, then carry out the policy's `lock` directive. Atomic: every failure before
/// the lock leaves the policy in force as it was.
/// </summary>
public static class PolicyApplier
{
    /// <param name="paths">Policy files or directories; none means /etc/modgate.</param>
    /// <param name="treeDirectory">The module tree (/lib/modules/VERSION) module= rules are resolved against.</param>
    /// <param name="catalog">The request catalog of that tree; the agent passes one it keeps between reloads.</param>
    /// <param name="requireFull">Fail (nothing enforced) instead of using the fallback backends when neither BPF attachment loads.</param>
    /// <param name="beforeLock">Runs once the policy is applied, before its `lock` directive takes effect (the agent opens
    /// the audit ring buffer there: once locked, nobody gets a new descriptor to modgate's maps).</param>
    public static ApplyResult Apply(IReadOnlyList<string> paths, string treeDirectory, Func<IRequestCatalog> catalog, bool requireFull = false,
        Action? beforeLock = null)
    {
        var loaded = PolicyLoader.Load(paths);
        if (loaded.HasErrors)
            return Failed(ApplyFailure.PolicyErrors, loaded, null, null, "the policy has errors; the policy in force is unchanged");
        var policy = PolicyCompiler.Compile(loaded.Document!);

        if (!Directory.Exists(treeDirectory))
            return Failed(ApplyFailure.NoModuleTree, loaded, policy, null,
                $"no module tree at {treeDirectory} (needed to turn module= rules into request rules; use --kernel-tree)");
        PolicyTables tables;
        try
        {
            tables = PolicyTableBuilder.Build(policy, catalog(), CgroupDirectory.IdsMatching, ModprobePath());
        }
        catch (TableLimitException e)
        {
            return Failed(ApplyFailure.TableLimit, loaded, policy, null, $"{e.Message}; the policy in force is unchanged");
        }
        var notes = tables.Approximations;

        if (!Environment.IsPrivilegedProcess)
            return Failed(ApplyFailure.PermissionDenied, loaded, policy, notes,
                "permission denied: enforcing a policy needs root (CAP_SYS_ADMIN and CAP_BPF)");
        var lsms = File.Exists(StatusReader.LsmFile) ? File.ReadAllText(StatusReader.LsmFile).Trim() : "";
        var bpfLsm = lsms.Split(',').Contains("bpf");
        var fix = $"bpf not in active LSM list ({lsms}): add lsm={lsms},bpf to the kernel command line";
        Backend backend;
        try
        {
            backend = BackendChoice.For(bpfLsm, BackendChoice.Forced);
        }
        catch (ConfigurationException e)
        {
            return Failed(ApplyFailure.Configuration, loaded, policy, notes, e.Message, "the policy in force is unchanged");
        }
        if (backend == Backend.Fallback)
            return requireFull
                ? Failed(ApplyFailure.NoBpfLsm, loaded, policy, notes, $"{fix}; nothing enforced")
                : ApplyFallback(loaded, policy, notes, treeDirectory, fix);
        if (LockGuard.Refusal() is { } locked) return Failed(ApplyFailure.Locked, loaded, policy, notes, locked);

        uint generation;
        var firstApply = !BpfLsmBackend.IsApplied;
        try
        {
            generation = BpfLsmBackend.Apply(tables, ModuleFileIndex.Of(treeDirectory), BackendChoice.Hooks(backend));
        }
        catch (SyscallException e) when (firstApply && !bpfLsm && BackendChoice.Forced is null)
        {
            // Neither BPF LSM nor fmod_ret on this kernel (no BTF, no trampolines, ...): the fallback backends.
            var why = $"{fix}; fmod_ret on the security_* functions failed too ({FirstLine(e.Message)})";
            return requireFull
                ? Failed(ApplyFailure.NoBpfLsm, loaded, policy, notes, $"{why}; nothing enforced")
                : ApplyFallback(loaded, policy, notes, treeDirectory, why);
        }
        catch (ConfigurationException e)
        {
            return Failed(ApplyFailure.Configuration, loaded, policy, notes, $"{e.Message}; the policy in force is unchanged");
        }
        catch (VerifierException e)
        {
            return Failed(ApplyFailure.KernelError, loaded, policy, notes, e.Message, "the policy in force is unchanged");
        }
        catch (SyscallException e)
        {
            return Failed(e.Errno is Errno.EPERM or Errno.EACCES ? ApplyFailure.PermissionDenied : ApplyFailure.KernelError, loaded, policy, notes,
                $"{e.Message}; the policy in force is unchanged");
        }
        new AppliedRecord(generation, policy.Digest, policy.Files, DateTimeOffset.UtcNow).Save();
        AppliedRecord.SavePolicy(loaded.Document!, generation);
        var applied = new ApplyResult(ApplyFailure.None, [], loaded, policy, notes, generation);
        return policy.Locked ? LockDirective(applied, beforeLock) : applied;
    }

    /// <summary>
    /// The `lock` directive: what `modgate lock` does, once the policy is in force. A lock that fails leaves the
    /// policy applied and unlocked, and the result says why. (Without BPF the fallback's `load off` + `lock` is
    /// kernel.modules_disabled=1, set by the fallback backend itself.)
    /// </summary>
    private static ApplyResult LockDirective(ApplyResult applied, Action? beforeLock)
    {
        beforeLock?.Invoke();
        try
        {
            return applied with { Lock = PolicyLock.Lock(DateTimeOffset.UtcNow) };
        }
        catch (VerifierException e)
        {
            return applied with { LockError = e.Message, LockFailure = ApplyFailure.KernelError };
        }
        catch (SyscallException e)
        {
            return applied with { LockError = e.Message, LockFailure = e.Errno is Errno.EPERM or Errno.EACCES ? ApplyFailure.PermissionDenied : ApplyFailure.KernelError };
        }
        catch (Exception e) when (ExpectedFailure.Is(e))
        {
            return applied with { LockError = e.Message, LockFailure = ApplyFailure.KernelError };
        }
    }

    /// <summary>
    /// Without BPF LSM: the fallback backends (SPEC.md §5). The gate reads the policy copy, so the copy is written
    /// first and put back if the fallback cannot be applied.
    /// </summary>
    private static ApplyResult ApplyFallback(LoadResult loaded, CompiledPolicy policy, IReadOnlyList<string> notes, string treeDirectory, string fix)
    {
        var paths = FallbackPaths.System;
        if (FallbackBackend.Read(paths) is { ModulesDisabled: true })
            return Failed(ApplyFailure.Locked, loaded, policy, notes,
                "policy is locked until reboot (fallback: kernel.modules_disabled=1 was set for load off + lock)");
        var plan = FallbackPlan.For(policy, ModuleTree.Load(treeDirectory).Modules.Select(m => m.Name));
        var previousRecord = AppliedRecord.Read();
        var previousPolicy = File.Exists(BpfPins.AppliedPolicy) ? File.ReadAllText(BpfPins.AppliedPolicy) : null;
        var generation = (previousRecord?.Generation ?? 0) + 1;
        try
        {
            AppliedRecord.SavePolicy(loaded.Document!, generation);
            FallbackBackend.Apply(plan, policy.Files, paths);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            if (previousPolicy is null) File.Delete(BpfPins.AppliedPolicy);
            else File.WriteAllText(BpfPins.AppliedPolicy, previousPolicy);
            return Failed(e is UnauthorizedAccessException ? ApplyFailure.PermissionDenied : ApplyFailure.KernelError, loaded, policy, notes,
                $"fallback: {e.Message}; the policy in force is unchanged");
        }
        new AppliedRecord(generation, policy.Digest, policy.Files, DateTimeOffset.UtcNow).Save();
        return new ApplyResult(ApplyFailure.None, [], loaded, policy, notes, generation) { Fallback = plan, FallbackReason = fix };
    }

    /// <summary>The catalog of the module tree in <paramref name="treeDirectory"/>, read now.</summary>
    public static IRequestCatalog ReadCatalog(string treeDirectory) => new KernelRequestCatalog(ModuleTree.Load(treeDirectory));

    private static string FirstLine(string text) => text.Split('\n')[0];

    // The kernel's usermode helper path decides which exec is "the kernel's modprobe" (origin=autoload).
    private static string ModprobePath() =>
        File.Exists("/proc/sys/kernel/modprobe") ? File.ReadAllText("/proc/sys/kernel/modprobe").Trim() : "/sbin/modprobe";

    private static ApplyResult Failed(ApplyFailure failure, LoadResult loaded, CompiledPolicy? policy, IReadOnlyList<string>? notes,
        params string[] errors) => new(failure, errors, loaded, policy, notes, 0);
}
