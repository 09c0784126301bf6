using Modgate.Bpf;

namespace Modgate.Enforcement.Lock;

/// <summary>
/// Every kernel object the lock refuses new descriptors to, found from the pinned links alone (programs are not
/// pinned, and two scratch maps are not either): link → program → the maps the program uses. Holds the maps'
/// descriptors so they can be frozen after the lock has closed the door on reopening them. Maps no program writes
/// (the policy, frozen) and the counters may still be opened read-only, so `status` can report after lock.
/// </summary>
internal sealed class ProtectedObjects : IDisposable
{
    private readonly List<BpfMap> _maps = [];

    public SortedSet<uint> ProgramIds { get; } = [];
    public SortedSet<uint> MapIds { get; } = [];
    public SortedSet<uint> ReadOnlyMapIds { get; } = [];
    public SortedSet<uint> LinkIds { get; } = [];

    /// <summary>The maps to freeze (every map of the programs behind the links given).</summary>
    public IReadOnlyList<BpfMap> Maps => _maps;

    /// <param name="linkPins">Pinned links whose programs and maps must be protected.</param>
    /// <param name="openableMapIds">Maps that stay openable: the lock's own frozen tables, and the audit ring buffer (a
    /// restarted agent must read it again; nothing in it decides anything).</param>
    /// <param name="readOnlyMapNames">Maps that may still be opened read-only.</param>
    public static ProtectedObjects FromLinks(IEnumerable<string> linkPins, IReadOnlySet<uint> openableMapIds, IReadOnlySet<string> readOnlyMapNames)
    {
        var objects = new ProtectedObjects();
        try
        {
            foreach (var pin in linkPins)
            {
                using var link = BpfLink.OpenPinned(pin);
                var linkInfo = link.Info();
                objects.LinkIds.Add(linkInfo.Id);
                if (!objects.ProgramIds.Add(linkInfo.ProgramId)) continue;
                using var program = BpfProgram.FromId(linkInfo.ProgramId);
                foreach (var mapId in program.Info().MapIds)
                {
                    if (openableMapIds.Contains(mapId) || !objects.MapIds.Add(mapId)) continue;
                    var map = BpfMap.FromId(mapId);
                    objects._maps.Add(map);
                    if (readOnlyMapNames.Contains(map.Name)) objects.ReadOnlyMapIds.Add(mapId);
                }
            }
            return objects;
        }
        catch
        {
            objects.Dispose();
            throw;
        }
    }

    /// <summary>The entries of mg_lock_ids, with what a new descriptor may be.</summary>
    public IEnumerable<(MgLockId Key, byte Allowed)> Entries() =>
        ProgramIds.Select(id => (new MgLockId { Kind = LockConstants.KindProg, Id = id }, LockConstants.NoDescriptor))
            .Concat(MapIds.Select(id => (new MgLockId { Kind = LockConstants.KindMap, Id = id },
                ReadOnlyMapIds.Contains(id) ? LockConstants.ReadOnlyDescriptor : LockConstants.NoDescriptor)))
            .Concat(LinkIds.Select(id => (new MgLockId { Kind = LockConstants.KindLink, Id = id }, LockConstants.NoDescriptor)));

    public void Dispose()
    {
        foreach (var map in _maps) map.Dispose();
    }
}
