using Modgate.Bpf;
using Modgate.Bpf.Kernel;
using Modgate.Bpf.Maps;
using Modgate.Enforcement.BpfLsm;
using Modgate.Policy;

namespace Modgate.Enforcement.Lock;

/// <summary>What `modgate lock` did.</summary>
public sealed record LockOutcome(bool AlreadyLocked, DateTimeOffset Since, int Programs, int Maps, int Links, int Pins, bool ModulesDisabled);

/// <summary>The lock needs an applied policy; nothing was changed.</summary>
public sealed class NothingToLockException() : Exception("no policy applied: run modgate apply first, then modgate lock");

/// <summary>
/// `modgate lock`: load the lock's programs (inactive: their state says unlocked), pin them next to modgate's, write
/// every object id and pin inode into the lock tables, switch the state to locked, then freeze the lock tables and
/// every map of modgate's programs. From the flip on, nobody gets a new descriptor to any of them, and nothing
/// written before can change. Idempotent: a second lock reports the first.
/// </summary>
public static class PolicyLock
{
    public const string ModulesDisabledSysctl = "/proc/sys/kernel/modules_disabled";

    public static LockOutcome Lock(DateTimeOffset now)
    {
        var info = LockState.Read();
        if (info.Locked) return new LockOutcome(true, info.Since ?? now, 0, 0, 0, 0, info.ModulesDisabled);
        if (info.Unreadable is { } why) throw new InvalidOperationException($"cannot tell whether the policy is locked: {why}");
        if (!BpfLsmBackend.IsApplied) throw new NothingToLockException();
        var (generation, loadOff) = PolicyInForce();
        // A lock that failed half-way left inactive programs behind: unpinning their links detaches them.
        if (Directory.Exists(LockPins.Root)) Directory.Delete(LockPins.Root, recursive: true);

        using var obj = OpenLockObject();
        obj.Load();
        Directory.CreateDirectory(LockPins.Maps);
        Directory.CreateDirectory(LockPins.Links);
        var lockMaps = LockPins.MapNames.Select(obj.Map).ToList();
        try
        {
            foreach (var map in lockMaps) map.Pin(LockPins.MapPath(map.Name));
            foreach (var (program, _, _) in LockPins.Programs)
            {
                using var link = obj.Program(program).Attach();
                link.Pin(LockPins.LinkPath(program));
            }

            var openable = new HashSet<uint>(LockPins.MapNames.Select(LockPins.MapPath).Append(BpfPins.MapPath(BpfPins.EventsMap)).Select(path =>
            {
                using var pinned = BpfMap.OpenPinned(path);
                return pinned.Info().Id;
            }));
            var linkPins = BpfPins.Programs.Select(p => BpfPins.LinkPath(p.Program)).Where(File.Exists)
                .Concat(LockPins.Programs.Select(p => LockPins.LinkPath(p.Program)));
            using var objects = ProtectedObjects.FromLinks(linkPins, openable, BpfPins.ReadOnlyAfterLock.ToHashSet());
            var inodes = PinInodes();

            var tables = lockMaps.ToDictionary(map => map.Name);
            foreach (var (key, allowed) in objects.Entries()) tables[LockObject.Maps.Ids].Update(key, allowed);
            foreach (var id in KernelBtf.FunctionIds(GuardedHooks.AttachFunctions).Values)
                tables[LockObject.Maps.Ids].Update(new MgLockId { Kind = LockConstants.KindHook, Id = id }, LockConstants.NoDescriptor);
            foreach (var (inode, flags) in inodes) tables[LockObject.Maps.Inodes].Update(inode, flags);

            var state = new MgLockState
            {
                Flags = LockConstants.Locked | (loadOff ? LockConstants.ModulesDisabled : 0),
                BpffsDev = BpffsMount.KernelDevOf(BpfPins.Root, File.ReadAllText(BpffsMount.MountInfo)),
                LockedAt = (ulong)now.ToUnixTimeSeconds(),
                Generation = generation,
            };
            // The pins' mount first (sb_umount refuses unmounting it and every mount above it): mg_lock_file_open
            // records it when the pin directory is opened once the bpffs is named, and the lock goes on only if it did.
            tables[LockObject.Maps.State].Update(0u, state with { Flags = 0 });
            _ = Directory.GetFileSystemEntries(LockPins.Root);
            using (var anchor = obj.Map(LockObject.Maps.Anchor))
                if (!anchor.TryLookup(0u, out ulong mount) || mount == 0)
                    throw new InvalidOperationException("the lock's program did not see the bpffs mount of the pins; nothing was locked");
            tables[LockObject.Maps.State].Update(0u, state);
            // Locked from here on. The lock's tables are frozen first: from then on nothing can unlock.
            foreach (var name in LockPins.MapNames)
            {
                using var pinned = BpfMap.OpenPinned(LockPins.MapPath(name));
                pinned.Freeze();
            }
            foreach (var map in objects.Maps) map.Freeze();
            // `load off` + lock: the kernel's own one-way switch as a second wall behind the programs.
            if (loadOff) File.WriteAllText(ModulesDisabledSysctl, "1");
            return new LockOutcome(false, now, objects.ProgramIds.Count, objects.MapIds.Count, objects.LinkIds.Count, inodes.Count, loadOff);
        }
        finally
        {
            foreach (var map in lockMaps) map.Dispose();
        }
    }

    private static BpfObject OpenLockObject()
    {
        using var stream = typeof(BpfObject).Assembly.GetManifestResourceStream("modgate_lock.bpf.o")
            ?? throw new InvalidOperationException("the BPF object modgate_lock.bpf.o is not embedded in Modgate.Bpf (build problem)");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var obj = BpfObject.Open(bytes, "modgate_lock");
        // The lock's programs reach their hooks the way modgate's own do.
        try
        {
            if (LoadedObjectRecord.Read()?.Hooks == HookAttachment.FmodRet) obj.AttachToSecurityFunctions();
            return obj;
        }
        catch
        {
            obj.Dispose();
            throw;
        }
    }

    /// <summary>The active generation and whether it says `load off`.</summary>
    private static (uint Generation, bool LoadOff) PolicyInForce()
    {
        using var stateMap = BpfMap.OpenPinned(BpfPins.MapPath(ModgateObject.Maps.State));
        using var configMap = BpfMap.OpenPinned(BpfPins.MapPath(ModgateObject.Maps.Config));
        stateMap.TryLookup(0u, out MgState state);
        configMap.TryLookup(state.ActiveSlot & 1, out MgConfig config);
        return (state.Generation, PolicyKernelCodes.ModeOf(config.Mode[(int)KernelVerb.Load]) == Mode.Off);
    }

    /// <summary>
    /// Every directory and pin under modgate's bpffs directory. Directories and pins may not be removed or renamed;
    /// pins may not be opened either, except the lock's own frozen tables (status reads them) and the audit ring
    /// buffer (the agent reads it); the frozen policy maps and the counters open read-only.
    /// </summary>
    private static List<(ulong Inode, byte Flags)> PinInodes()
    {
        var readable = LockPins.MapNames.Select(LockPins.MapPath).Append(BpfPins.MapPath(BpfPins.EventsMap)).ToHashSet();
        var readOnly = BpfPins.ReadOnlyAfterLock.Select(BpfPins.MapPath).ToHashSet();
        var result = new List<(ulong, byte)> { (ProcessModeCalls.InodeOf(BpfPins.Root), LockConstants.InodeKeep) };
        foreach (var dir in Directory.EnumerateDirectories(BpfPins.Root, "*", SearchOption.AllDirectories))
            result.Add((ProcessModeCalls.InodeOf(dir), LockConstants.InodeKeep));
        foreach (var file in Directory.EnumerateFiles(BpfPins.Root, "*", SearchOption.AllDirectories))
            result.Add((ProcessModeCalls.InodeOf(file), readable.Contains(file) ? LockConstants.InodeKeep
                : readOnly.Contains(file) ? (byte)(LockConstants.InodeKeep | LockConstants.InodeReadOnly)
                : (byte)(LockConstants.InodeKeep | LockConstants.InodeSealed)));
        if (result.Count > LockConstants.MaxInodes)
            throw new InvalidOperationException($"{result.Count} entries under {BpfPins.Root}: the lock holds at most {LockConstants.MaxInodes}");
        return result;
    }
}
