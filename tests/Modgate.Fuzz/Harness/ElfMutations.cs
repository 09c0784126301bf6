using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Modgate.Fuzz;

/// <summary>
/// Edits that know the ELF64 layout: random bytes almost never get past the header checks of an image, while one
/// section header field set to a boundary value (an offset at the end of the file, a size that wraps, a link out of
/// range, a relocation aimed at the module name) reaches the checks deep inside.
/// </summary>
internal static class ElfMutations
{
    /// <summary>Fields of Elf64_Shdr: offset and width.</summary>
    private static readonly (int At, int Width)[] SectionFields =
        [(0, 4), (4, 4), (8, 8), (24, 8), (32, 8), (40, 4), (44, 4), (56, 8)];

    /// <summary>Fields of Elf64_Ehdr the readers look at: class, data, type, machine, shoff, shentsize, shnum, shstrndx.</summary>
    private static readonly (int At, int Width)[] HeaderFields =
        [(4, 1), (5, 1), (16, 2), (18, 2), (40, 8), (58, 2), (60, 2), (62, 2)];

    public static void Edit(List<byte> data, Random random)
    {
        var image = CollectionsMarshal.AsSpan(data);
        if (image.Length < 64) return;
        var shoff = BinaryPrimitives.ReadUInt64LittleEndian(image[40..]);
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(image[60..]);
        var tableFits = shnum > 0 && shoff < (ulong)image.Length && (ulong)shnum * 64 <= (ulong)image.Length - shoff;
        if (!tableFits || random.Next(6) == 0)
        {
            var (at, width) = HeaderFields[random.Next(HeaderFields.Length)];
            Store(image.Slice(at, width), Value(image, random, shnum, tableFits ? (int)shoff : 0));
            return;
        }
        var table = image.Slice((int)shoff, shnum * 64);
        var section = random.Next(shnum);
        var header = table.Slice(section * 64, 64);
        switch (random.Next(4))
        {
            case 0:
                // Another section's header over this one: duplicates of the module section, of the name table…
                table.Slice(random.Next(shnum) * 64, 64).CopyTo(header);
                break;
            case 1:
                AimRelocation(image, table, shnum, random);
                break;
            default:
                var (at, width) = SectionFields[random.Next(SectionFields.Length)];
                Store(header.Slice(at, width), Value(image, random, shnum, (int)shoff));
                break;
        }
    }

    /// <summary>Points one entry of a relocation section near struct module's name (offset 24, 56 bytes).</summary>
    private static void AimRelocation(Span<byte> image, Span<byte> table, int shnum, Random random)
    {
        for (var tries = 0; tries < 8; tries++)
        {
            var header = table.Slice(random.Next(shnum) * 64, 64);
            var type = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (type is not (4 or 9)) continue;
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
            var size = BinaryPrimitives.ReadUInt64LittleEndian(header[32..]);
            var entry = type == 4 ? 24UL : 16UL;
            if (size < entry || offset > (ulong)image.Length || size > (ulong)image.Length - offset) continue;
            var k = (ulong)random.Next((int)Math.Min(size / entry, int.MaxValue));
            BinaryPrimitives.WriteUInt64LittleEndian(image[(int)(offset + k * entry)..], (ulong)random.Next(8, 88));
            return;
        }
    }

    private static ulong Value(Span<byte> image, Random random, int shnum, int shoff)
    {
        var length = (ulong)image.Length;
        return random.Next(10) switch
        {
            0 => 0,
            1 => length - (ulong)random.Next(2),
            2 => length + (ulong)random.Next(2),
            3 => ulong.MaxValue - (ulong)random.Next(64),
            4 => 1UL << random.Next(64),
            5 => (ulong)random.Next(shnum + 2),
            6 => (ulong)random.Next(16),
            7 => (ulong)shoff + (ulong)random.Next(4) * 64,
            // a field of some other section header: offsets, sizes and name offsets that exist in this image
            8 when shnum > 0 && shoff > 0 => BinaryPrimitives.ReadUInt64LittleEndian(image[(shoff + random.Next(shnum) * 64 + 8 * random.Next(8))..]),
            _ => (ulong)random.NextInt64(),
        };
    }

    private static void Store(Span<byte> field, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        bytes[..field.Length].CopyTo(field);
    }
}
