using Modgate.Bpf;
using Modgate.Enforcement.Tables;

namespace Modgate.Enforcement.BpfLsm;

/// <summary>
/// The BPF LSM backend: the first apply loads, fills, attaches and pins modgate's programs; later applies only
/// write the new generation into the pinned maps and flip it on. Any failure before the flip leaves the policy
/// in force as it was.
/// </summary>
public static class BpfLsmBackend
{
    public static bool IsApplied => Directory.Exists(BpfPins.Links) && File.Exists(BpfPins.MapPath("mg_state"));

    /// <returns>The generation now in force.</returns>
    public static uint Apply(PolicyTables tables)
    {
        if (IsApplied)
        {
            using var pinned = PolicyMaps.FromPins();
            return GenerationWriter.Write(pinned, tables);
        }
        return FirstApply(tables);
    }

    private static uint FirstApply(PolicyTables tables)
    {
        using var obj = BpfObject.OpenEmbedded();
        obj.Load(); // the verifier's refusal ends here, with nothing attached
        using var maps = PolicyMaps.FromObject(obj);
        var generation = GenerationWriter.Write(maps, tables);
        try
        {
            Directory.CreateDirectory(BpfPins.Maps);
            Directory.CreateDirectory(BpfPins.Links);
            foreach (var (name, map) in maps.All) map.Pin(BpfPins.MapPath(name));
            // Attach last, so enforcement starts with the whole policy in place.
            foreach (var (program, _, _) in BpfPins.Programs)
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
        return generation;
    }

    /// <summary>Detaches everything: unpinning the links drops the last reference to the attachments.</summary>
    public static bool Disable()
    {
        if (!Directory.Exists(BpfPins.Root)) return false;
        RemovePins();
        if (File.Exists(BpfPins.AppliedRecord)) File.Delete(BpfPins.AppliedRecord);
        if (File.Exists(BpfPins.AppliedPolicy)) File.Delete(BpfPins.AppliedPolicy);
        return true;
    }

    private static void RemovePins()
    {
        if (Directory.Exists(BpfPins.Root)) Directory.Delete(BpfPins.Root, recursive: true);
    }
}
