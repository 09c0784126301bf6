using Modgate.Bpf;
using Modgate.Bpf.Kernel;
using Modgate.Bpf.Maps;
using Modgate.Enforcement.Lock;
using Modgate.Enforcement.Tables;

namespace Modgate.Enforcement.BpfLsm;

/// <summary>
/// The BPF LSM backend: the first apply loads, fills, attaches and pins modgate's programs; later applies only
/// write the new generation into the pinned maps and flip it on. Any failure before the flip leaves the policy
/// in force as it was. The first apply probes the kernel and loads the full object where it has everything the
/// full object needs (≥ 5.17), else the reduced one (BpfObjectChoice; MODGATE_BPF_OBJECT overrides).
/// </summary>
public static class BpfLsmBackend
{
    public static bool IsApplied => Directory.Exists(BpfPins.Links) && File.Exists(BpfPins.MapPath(ModgateObject.Maps.State));

    /// <param name="moduleFiles">The running kernel's compressed module files (<see cref="ModuleFileIndex"/>).</param>
    /// <param name="hooks">How the first apply attaches the programs (later applies keep what is pinned).</param>
    /// <returns>The generation now in force.</returns>
    public static uint Apply(PolicyTables tables, IReadOnlyList<(MgFileKey Key, MgFileValue Value)> moduleFiles,
        HookAttachment hooks = HookAttachment.Lsm)
    {
        if (IsApplied)
        {
            using var pinned = PolicyMaps.FromPins();
            ModuleFileIndex.Write(pinned.ModuleFiles, moduleFiles);
            return GenerationWriter.Write(pinned, tables);
        }
        return FirstApply(tables, moduleFiles, hooks);
    }

    private static uint FirstApply(PolicyTables tables, IReadOnlyList<(MgFileKey Key, MgFileValue Value)> moduleFiles, HookAttachment hooks)
    {
        var features = BpfFeatures.Probe();
        var variant = BpfObjectChoice.For(features);
        using var obj = BpfObject.OpenEmbedded(variant);
        if (hooks == HookAttachment.FmodRet) obj.AttachToSecurityFunctions();
        // The full object forced onto a kernel without task storage: leave that map out, so that the verifier judges
        // the programs (and names the helpers this kernel lacks) instead of the map creation failing first.
        if (variant == BpfObjectVariant.Full && !features.TaskStorage) obj.SkipMap(ModgateObject.Maps.Tasks);
        obj.Load(); // the verifier's refusal ends here, with nothing attached
        using var maps = PolicyMaps.FromObject(obj);
        ModuleFileIndex.Write(maps.ModuleFiles, moduleFiles);
        var generation = GenerationWriter.Write(maps, tables);
        try
        {
            Directory.CreateDirectory(BpfPins.Maps);
            Directory.CreateDirectory(BpfPins.Links);
            foreach (var (name, map) in maps.All) map.Pin(BpfPins.MapPath(name));
            // Attach last, so enforcement starts with the whole policy in place.
            foreach (var (program, _, _) in BpfPins.Programs.Where(p => obj.HasProgram(p.Program)))
            {
                using var link = obj.Program(program).Attach();
                link.Pin(BpfPins.LinkPath(program));
            }
        }
        catch
        {
            RemovePins();
            throw;
        }
        new LoadedObjectRecord(variant, features, hooks).Save();
        return generation;
    }

    /// <summary>
    /// Detaches everything: unpinning the links drops the last reference to the attachments. The kernel may free a
    /// link from a workqueue (6.12 defers bpf_link_put), so this returns once the programs are gone, not before.
    /// </summary>
    public static bool Disable()
    {
        if (!Directory.Exists(BpfPins.Root)) return false;
        var programs = AttachedProgramIds();
        RemovePins();
        WaitUntilFreed(programs, TimeSpan.FromSeconds(10));
        if (File.Exists(BpfPins.AppliedRecord)) File.Delete(BpfPins.AppliedRecord);
        if (File.Exists(BpfPins.AppliedPolicy)) File.Delete(BpfPins.AppliedPolicy);
        LoadedObjectRecord.Remove();
        return true;
    }

    private static List<uint> AttachedProgramIds()
    {
        var ids = new List<uint>();
        foreach (var (program, _, _) in BpfPins.Programs)
        {
            if (!File.Exists(BpfPins.LinkPath(program))) continue;
            try
            {
                using var link = BpfLink.OpenPinned(BpfPins.LinkPath(program));
                ids.Add(link.Info().ProgramId);
            }
            catch (SyscallException)
            {
                // not a link we can open: unpinning it still detaches it
            }
        }
        return ids;
    }

    private static void WaitUntilFreed(List<uint> programIds, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        foreach (var id in programIds)
            while (StillLoaded(id))
            {
                if (DateTime.UtcNow > deadline)
                    throw new IOException($"program {id} is still attached {limit.TotalSeconds:0} s after its link was unpinned");
                Thread.Sleep(20);
            }
    }

    private static bool StillLoaded(uint id)
    {
        try
        {
            using var program = BpfProgram.FromId(id);
            return true;
        }
        catch (SyscallException e) when (e.Errno == Errno.ENOENT)
        {
            return false;
        }
    }

    private static void RemovePins()
    {
        if (Directory.Exists(BpfPins.Root)) Directory.Delete(BpfPins.Root, recursive: true);
    }
}
