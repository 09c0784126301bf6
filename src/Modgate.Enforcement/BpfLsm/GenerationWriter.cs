using System.Text;
using Modgate.Bpf.Maps;
using Modgate.Enforcement.Tables;

namespace Modgate.Enforcement.BpfLsm;

/// <summary>
/// Writes a policy into the slot the programs are not reading, then flips the active slot with one map update:
/// every decision sees either the old policy or the new one, never a mix, never none.
/// </summary>
internal static class GenerationWriter
{
    public static uint Write(PolicyMaps maps, PolicyTables tables)
    {
        maps.State.TryLookup(0u, out MgState state);
        var slot = state.Generation == 0 ? 0u : 1 - (state.ActiveSlot & 1);
        var generation = state.Generation + 1;

        ClearSlot(maps, (byte)slot);
        foreach (var rule in tables.Rules) maps.Rules.Update(RuleKey(slot, rule.Index), rule.Value);
        foreach (var grant in tables.Grants) maps.Grants.Update(RuleKey(slot, grant.Index), grant.Value);
        foreach (var entry in tables.Literal) maps.Literal.Update(LiteralKey((byte)slot, entry), Candidates(entry));
        foreach (var entry in tables.Prefix) maps.Prefix.Update(PrefixKey((byte)slot, entry), Candidates(entry));
        foreach (var c in tables.Cgroups)
            maps.Cgroups.Update(new MgCgroupKey { Slot = (byte)slot, IsGrant = (byte)(c.IsGrant ? 1 : 0), Index = (ushort)c.Index, CgroupId = c.CgroupId }, (byte)1);
        var config = tables.Config;
        config.Generation = generation;
        maps.Config.Update(slot, config);

        // The switch: one 16-byte array element.
        maps.State.Update(0u, state with { ActiveSlot = slot, Generation = generation });
        return generation;
    }

    // The inactive slot may hold an older generation: its index entries must not leak into the new one.
    private static void ClearSlot(PolicyMaps maps, byte slot)
    {
        foreach (var key in maps.Literal.Keys<MgKey>())
            if (key.Slot == slot) maps.Literal.Delete(key);
        foreach (var key in maps.Prefix.Keys<MgLpmKey>())
            if (key.Key.Slot == slot) maps.Prefix.Delete(key);
        foreach (var key in maps.Cgroups.Keys<MgCgroupKey>())
            if (key.Slot == slot) maps.Cgroups.Delete(key);
    }

    private static uint RuleKey(uint slot, int index) => slot * MapConstants.MaxRules + (uint)index;

    internal static MgKey LiteralKey(byte slot, IndexEntry entry) =>
        new() { Slot = slot, Table = (byte)entry.Table, Str = KeyString.From(entry.Key) };

    internal static MgLpmKey PrefixKey(byte slot, IndexEntry entry) => new()
    {
        PrefixLength = (uint)(16 + 8 * Encoding.UTF8.GetByteCount(entry.Key)),
        Key = LiteralKey(slot, entry),
    };

    internal static MgCandidates Candidates(IndexEntry entry)
    {
        var value = new MgCandidates { Count = (uint)entry.Candidates.Count };
        for (var i = 0; i < entry.Candidates.Count; i++) value.Index[i] = (ushort)entry.Candidates[i];
        return value;
    }
}
