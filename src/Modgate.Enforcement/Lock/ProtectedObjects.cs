namespace Modgate.Enforcement.Lock;

/// <summary>
/// Every kernel object the lock refuses new descriptors to, found from the pinned links alone (programs are not
/// pinned, and two scratch maps are not either): link → program → the maps the program uses. Holds the maps'
/// descriptors so they can be frozen after the lock has closed the door on reopening them.
/// </summary>
internal sealed class ProtectedObjects : IDisposable
{
    private readonly List<BpfDescriptor> _maps = [];

    public SortedSet<uint> ProgramIds { get; } = [];
    public SortedSet<uint> MapIds { get; } = [];
    public SortedSet<uint> LinkIds { get; } = [];

    /// <summary>The maps to freeze (every map of the programs behind the links given).</summary>
    public IReadOnlyList<BpfDescriptor> Maps => _maps;

    /// <param name="linkPins">Pinned links whose programs and maps must be protected.</param>
    /// <param name="immutableMapIds">Maps that stay openable: read-only to programs and frozen, nothing to gain from them.</param>
    public static ProtectedObjects FromLinks(IEnumerable<string> linkPins, IReadOnlySet<uint> immutableMapIds)
    {
        var objects = new ProtectedObjects();
        try
        {
            foreach (var pin in linkPins)
            {
                using var link = BpfDescriptor.OpenPinned(pin);
                objects.LinkIds.Add(link.Id);
                var programId = link.LinkedProgramId;
                if (!objects.ProgramIds.Add(programId)) continue;
                using var program = BpfDescriptor.Program(programId);
                foreach (var mapId in program.ProgramMapIds())
                {
                    if (immutableMapIds.Contains(mapId) || !objects.MapIds.Add(mapId)) continue;
                    objects._maps.Add(BpfDescriptor.Map(mapId));
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

    /// <summary>The entries of mg_lock_ids.</summary>
    public IEnumerable<MgLockId> Entries() =>
        ProgramIds.Select(id => new MgLockId { Kind = LockConstants.KindProg, Id = id })
            .Concat(MapIds.Select(id => new MgLockId { Kind = LockConstants.KindMap, Id = id }))
            .Concat(LinkIds.Select(id => new MgLockId { Kind = LockConstants.KindLink, Id = id }));

    public void Dispose()
    {
        foreach (var map in _maps) map.Dispose();
    }
}
