using System.Buffers.Binary;
using System.Text;

namespace Modgate.Kernel;

/// <summary>
/// Finds <c>.modinfo</c> and <c>.gnu.linkonce.this_module</c> in an ELF relocatable file (32 or 64 bit, either
/// byte order) through its section header table, checking every offset against the file size so that a
/// truncated or corrupt file gives a message, never an exception from deep inside.
/// </summary>
internal static class ElfModinfo
{
    private static ReadOnlySpan<byte> Magic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    private const int ModuleNameLength = 56; // MODULE_NAME_LEN on 64-bit kernels (64 - sizeof(unsigned long))

    public static ModuleInfo Parse(string path, ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 16 || !elf[..4].SequenceEqual(Magic))
            throw new ModuleFileException(path, elf.Length < 4 ? "not an ELF file (too short)" : "not an ELF file (bad magic)");
        var is64 = elf[4] switch
        {
            1 => false,
            2 => true,
            _ => throw new ModuleFileException(path, $"ELF class {elf[4]} is neither 32 nor 64 bit"),
        };
        var little = elf[5] switch
        {
            1 => true,
            2 => false,
            _ => throw new ModuleFileException(path, $"ELF data encoding {elf[5]} is neither little nor big endian"),
        };
        var reader = new FieldReader(path, elf, little);
        var headerSize = is64 ? 64 : 52;
        reader.Require(0, headerSize, "ELF header");
        var sectionTable = is64 ? (long)reader.U64(0x28) : reader.U32(0x20);
        var entrySize = reader.U16(is64 ? 0x3A : 0x2E);
        var count = reader.U16(is64 ? 0x3C : 0x30);
        var namesIndex = reader.U16(is64 ? 0x3E : 0x32);
        if (count == 0) throw new ModuleFileException(path, "ELF file has no section header table");
        if (entrySize < (is64 ? 64 : 40)) throw new ModuleFileException(path, $"ELF section header size {entrySize} is too small");
        reader.Require(sectionTable, (long)entrySize * count, "section header table");
        if (namesIndex >= count) throw new ModuleFileException(path, $"section name table index {namesIndex} is out of range ({count} sections)");

        var names = SectionAt(reader, is64, sectionTable + (long)namesIndex * entrySize);
        reader.Require(names.Offset, names.Size, "section name table");
        ReadOnlySpan<byte> modinfo = default;
        ReadOnlySpan<byte> thisModule = default;
        var foundModinfo = false;
        for (var i = 0; i < count; i++)
        {
            var s = SectionAt(reader, is64, sectionTable + (long)i * entrySize);
            if (s.Name >= names.Size) continue;
            var nameBytes = elf.Slice((int)(names.Offset + s.Name), (int)(names.Size - s.Name));
            var end = nameBytes.IndexOf((byte)0);
            var name = end < 0 ? nameBytes : nameBytes[..end];
            if (name.SequenceEqual(".modinfo"u8))
            {
                reader.Require(s.Offset, s.Size, ".modinfo section");
                modinfo = elf.Slice((int)s.Offset, (int)s.Size);
                foundModinfo = true;
            }
            else if (name.SequenceEqual(".gnu.linkonce.this_module"u8) && reader.Contains(s.Offset, s.Size))
            {
                thisModule = elf.Slice((int)s.Offset, (int)s.Size);
            }
        }
        if (!foundModinfo) throw new ModuleFileException(path, "no .modinfo section: not a kernel module");

        var entries = new List<KeyValuePair<string, string>>();
        foreach (var range in modinfo.Split((byte)0))
        {
            var record = modinfo[range];
            if (record.IsEmpty) continue;
            var equals = record.IndexOf((byte)'=');
            if (equals <= 0) continue; // padding between records
            entries.Add(new(Encoding.UTF8.GetString(record[..equals]), Encoding.UTF8.GetString(record[(equals + 1)..])));
        }
        // An empty name= names nothing (the kernel would go by struct module's name): fall back as if it were absent.
        var named = entries.FirstOrDefault(e => e.Key == "name").Value;
        var moduleName = string.IsNullOrEmpty(named) ? NameFromThisModule(thisModule, is64) : named;
        return new ModuleInfo(path, moduleName, entries);
    }

    private static (long Offset, long Size, uint Name) SectionAt(FieldReader reader, bool is64, long at) =>
        is64
            ? ((long)reader.U64(at + 0x18), (long)reader.U64(at + 0x20), reader.U32(at))
            : (reader.U32(at + 0x10), reader.U32(at + 0x14), reader.U32(at));

    // struct module starts with `enum module_state state; struct list_head list; char name[...]`.
    private static string? NameFromThisModule(ReadOnlySpan<byte> section, bool is64)
    {
        var offset = is64 ? 24 : 12;
        if (section.Length < offset + 1) return null;
        var field = section.Slice(offset, Math.Min(ModuleNameLength, section.Length - offset));
        var end = field.IndexOf((byte)0);
        var name = Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
        return name.Length == 0 ? null : name;
    }

    private readonly ref struct FieldReader(string path, ReadOnlySpan<byte> data, bool little)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        /// <summary>Whether the range lies in the file. 64-bit fields above 2^63 arrive negative, and offset + length can wrap: neither is summed.</summary>
        public bool Contains(long offset, long length) =>
            offset >= 0 && length >= 0 && offset <= _data.Length && length <= _data.Length - offset;

        public void Require(long offset, long length, string what)
        {
            if (!Contains(offset, length))
                throw new ModuleFileException(path, $"truncated ELF file: {what} at offset {offset} (+{length} bytes) lies beyond the end of the file ({_data.Length} bytes)");
        }

        public ushort U16(long at)
        {
            Require(at, 2, "field");
            var s = _data.Slice((int)at, 2);
            return little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        }

        public uint U32(long at)
        {
            Require(at, 4, "field");
            var s = _data.Slice((int)at, 4);
            return little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        }

        public ulong U64(long at)
        {
            Require(at, 8, "field");
            var s = _data.Slice((int)at, 8);
            return little ? BinaryPrimitives.ReadUInt64LittleEndian(s) : BinaryPrimitives.ReadUInt64BigEndian(s);
        }
    }
}
