using Modgate.Bpf;

namespace Modgate.Enforcement.BpfLsm;

/// <summary>
/// The maps of one modgate instance, opened from a loaded object or from their pins: those of
/// <see cref="BpfPins.PinnedMaps"/> that the object has (the reduced object has no mg_tasks).
/// </summary>
internal sealed class PolicyMaps : IDisposable
{
    private readonly Dictionary<string, BpfMap> _maps;

    private PolicyMaps(Dictionary<string, BpfMap> maps) => _maps = maps;

    public static PolicyMaps FromObject(BpfObject obj) =>
        new(BpfPins.PinnedMaps.Where(obj.HasMap).ToDictionary(n => n, obj.Map));

    public static PolicyMaps FromPins() =>
        new(BpfPins.PinnedMaps.Where(n => File.Exists(BpfPins.MapPath(n))).ToDictionary(n => n, n => BpfMap.OpenPinned(BpfPins.MapPath(n))));

    public BpfMap State => _maps[ModgateObject.Maps.State];
    public BpfMap Config => _maps[ModgateObject.Maps.Config];
    public BpfMap Rules => _maps[ModgateObject.Maps.Rules];
    public BpfMap Grants => _maps[ModgateObject.Maps.Grants];
    public BpfMap Literal => _maps[ModgateObject.Maps.Literal];
    public BpfMap Prefix => _maps[ModgateObject.Maps.Prefix];
    public BpfMap Cgroups => _maps[ModgateObject.Maps.Cgroups];
    public BpfMap Counters => _maps[ModgateObject.Maps.Counters];
    public BpfMap ModuleFiles => _maps[ModgateObject.Maps.ModuleFiles];

    public IEnumerable<(string Name, BpfMap Map)> All => _maps.Select(p => (p.Key, p.Value));

    public void Dispose()
    {
        foreach (var map in _maps.Values) map.Dispose();
    }
}
