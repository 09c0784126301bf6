using Modgate.Bpf.Maps;
using Modgate.Enforcement.BpfLsm;
using Modgate.Enforcement.Tables;

namespace Modgate.Enforcement.Tests;

/// <summary>How index entries become map keys and values (what the kernel's find_candidates looks up).</summary>
public sealed class MapEntryTests
{
    [Fact]
    public void Prefix_key_counts_slot_table_and_prefix_bits()
    {
        var key = GenerationWriter.PrefixKey(1, new IndexEntry(IndexTable.Autoload, "net_pf_", true, [3]));
        Assert.Equal(16u + 8 * 7, key.PrefixLength);
        Assert.Equal(1, key.Key.Slot);
        Assert.Equal((byte)IndexTable.Autoload, key.Key.Table);
        ReadOnlySpan<byte> str = key.Key.Str;
        Assert.Equal("net_pf_"u8.ToArray(), str[..7].ToArray());
        Assert.All(str[7..].ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Root_prefix_entry_matches_every_string_of_its_table()
    {
        var key = GenerationWriter.PrefixKey(0, new IndexEntry(IndexTable.Load, "", true, [0]));
        Assert.Equal(16u, key.PrefixLength);
    }

    [Fact]
    public void Candidates_keep_their_order()
    {
        var value = GenerationWriter.Candidates(new IndexEntry(IndexTable.Unload, "dummy", false, [2, 5, 9]));
        Assert.Equal(3u, value.Count);
        Assert.Equal((ushort)2, value.Index[0]);
        Assert.Equal((ushort)5, value.Index[1]);
        Assert.Equal((ushort)9, value.Index[2]);
    }

    [Fact]
    public void A_string_the_kernel_cannot_hold_is_refused_with_its_length()
    {
        var tooLong = new string('a', MapConstants.StringLength);
        var error = Assert.Throws<ArgumentException>(() => KeyString.From(tooLong));
        Assert.StartsWith($"'{tooLong}' is longer than the kernel's 57-byte limit", error.Message);
    }
}
