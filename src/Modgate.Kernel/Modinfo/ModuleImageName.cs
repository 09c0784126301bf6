using System.Buffers.Binary;
using System.Text;

namespace Modgate.Kernel;

/// <summary>
/// The C# twin of the BPF program's scan for the name of a module image (finit_module / init_module): the name
/// the kernel will give the module is the <c>name</c> field of <c>struct module</c> in the SHF_ALLOC section
/// <c>.gnu.linkonce.this_module</c>, found the way kernel/module/main.c finds it (elf_validity_check, then
/// find_sec). Where the kernel would still load an image that we cannot read exactly as it does, the twin refuses
/// (fail closed): non-little-endian or 32-bit images, a name that a relocation rewrites, more relocations than the
/// BPF side scans. The BPF program implements the same rules; keep both in step.
/// </summary>
public static class ModuleImageName
{
    /// <summary>MODULE_NAME_LEN on 64-bit kernels: 64 - sizeof(unsigned long).</summary>
    public const int NameLength = 56;

    /// <summary>Relocation entries against the module section that the BPF program scans; more is a refusal.</summary>
    public const int MaxRelocations = 64;

    /// <summary>Sections the full BPF object walks (bpf_loop over e_shnum, a 16-bit field): every image's.</summary>
    public const int MaxSections = ushort.MaxValue;

    private const int HeaderSize = 64;        // sizeof(Elf64_Ehdr)
    private const int SectionHeaderSize = 64; // sizeof(Elf64_Shdr)
    private const ushort EtRel = 1;
    private const ushort EmX86_64 = 62;
    private const uint ShtNull = 0, ShtSymtab = 2, ShtRela = 4, ShtNobits = 8, ShtRel = 9;
    private const ulong ShfAlloc = 0x2;
    private const int RelaSize = 24, RelSize = 16;

    /// <summary>The relocation type that writes the most bytes on x86_64 writes 8: an r_offset this far before the name still reaches it.</summary>
    private const ulong RelocationReach = 7;

    private static ReadOnlySpan<byte> ModuleSectionName => ".gnu.linkonce.this_module\0"u8;

    /// <param name="image">The whole, uncompressed image as the LSM hook sees it. An appended module signature is part of it
    /// here while the kernel strips it before its own checks: a section reaching into the signature passes here and
    /// fails there, so the difference can only make a load fail, never give it another name.</param>
    /// <param name="moduleStructSize">sizeof(struct module) of the running kernel: the kernel refuses any other section size.</param>
    /// <param name="nameOffset">offsetof(struct module, name) of the running kernel.</param>
    /// <param name="maxSections">The most sections the BPF side walks: <see cref="MaxSections"/> for the full object, less
    /// for an object whose loop is unrolled (the reduced object for kernels without bpf_loop); an image with more is refused.</param>
    public static ModuleImageNameResult Read(ReadOnlySpan<byte> image, uint moduleStructSize, uint nameOffset, int maxSections = MaxSections)
    {
        // A layout whose name field does not fit in struct module is a caller's mistake, not bad input.
        ArgumentOutOfRangeException.ThrowIfGreaterThan((ulong)nameOffset + NameLength, moduleStructSize, nameof(nameOffset));
        var len = (ulong)image.Length;

        if (image.Length < HeaderSize)
            return Refuse(ModuleImageRefusal.NotElf64Rel, $"image of {len} bytes is shorter than an ELF header ({HeaderSize})");
        if (image[0] != 0x7F || image[1] != 'E' || image[2] != 'L' || image[3] != 'F')
            return Refuse(ModuleImageRefusal.NotElf64Rel, "bad ELF magic");
        // The kernel checks neither class nor byte order; an image it would misread is refused rather than guessed at.
        if (image[4] != 2 || image[5] != 1)
            return Refuse(ModuleImageRefusal.NotElf64Rel, $"ELF class {image[4]}, data encoding {image[5]}: only 64-bit little endian (2, 1) is read");
        var type = U16(image, 16);
        var machine = U16(image, 18);
        if (type != EtRel) return Refuse(ModuleImageRefusal.NotElf64Rel, $"ELF type {type} is not ET_REL (1)");
        if (machine != EmX86_64) return Refuse(ModuleImageRefusal.NotElf64Rel, $"ELF machine {machine} is not EM_X86_64 (62)");
        var entrySize = U16(image, 58);
        if (entrySize != SectionHeaderSize)
            return Refuse(ModuleImageRefusal.BadSectionTable, $"section header size {entrySize} is not {SectionHeaderSize}");

        // e_shnum is 16 bits, so shnum * 64 cannot overflow; e_shoff < len keeps len - e_shoff from wrapping.
        var shoff = U64(image, 40);
        var shnum = U16(image, 60);
        var shstrndx = U16(image, 62);
        if (shoff >= len || (ulong)shnum * SectionHeaderSize > len - shoff)
            return Refuse(ModuleImageRefusal.BadSectionTable, $"section header table at {shoff} ({shnum} entries) lies outside the image ({len} bytes)");
        if (shnum > maxSections)
            return Refuse(ModuleImageRefusal.TooManySections, $"{shnum} sections: the BPF side walks at most {maxSections}");
        var sections = new SectionTable(image, (int)shoff, shnum);
        if (shstrndx == 0 || shstrndx >= shnum)
            return Refuse(ModuleImageRefusal.BadNameTable, shnum < 2
                ? $"{shnum} section headers: no room for a section name table"
                : $"section name table index {shstrndx} is not in 1..{shnum - 1}");

        var names = sections[shstrndx];
        if (names.Type == ShtNobits)
            return Refuse(ModuleImageRefusal.BadNameTable, "section name table has no bytes in the image (SHT_NOBITS)");
        if (!Within(names.Offset, names.Size, len))
            return Refuse(ModuleImageRefusal.BadNameTable, $"section name table at {names.Offset} (+{names.Size}) lies outside the image ({len} bytes)");
        if (names.Size == 0)
            return Refuse(ModuleImageRefusal.BadNameTable, "section name table is empty");
        // Within() held, so the table fits in an int-sized span.
        var nameTable = image.Slice((int)names.Offset, (int)names.Size);
        if (nameTable[^1] != 0)
            return Refuse(ModuleImageRefusal.BadNameTable, "section name table is not NUL-terminated");

        for (var i = 1; i < shnum; i++)
        {
            var s = sections[i];
            if (s.Type is ShtNull or ShtNobits) continue;
            if (s.Type == ShtSymtab && (s.Link == 0 || s.Link >= shnum))
                return Refuse(ModuleImageRefusal.BadSection, $"symbol table {i} links to section {s.Link}, not one in 1..{shnum - 1}");
            if (!Within(s.Offset, s.Size, len))
                return Refuse(ModuleImageRefusal.BadSection, $"section {i} at {s.Offset} (+{s.Size}) lies outside the image ({len} bytes)");
        }

        var moduleIndex = FindModuleSection(sections, nameTable);
        if (moduleIndex == 0)
            return Refuse(ModuleImageRefusal.NoModuleSection, "no SHF_ALLOC section named .gnu.linkonce.this_module");
        var module = sections[moduleIndex];
        if (module.Type == ShtNobits)
            return Refuse(ModuleImageRefusal.BadModuleSection, $"module section {moduleIndex} has no bytes in the image (SHT_NOBITS)");
        if (module.Size != moduleStructSize)
            return Refuse(ModuleImageRefusal.BadModuleSection, $"module section {moduleIndex} is {module.Size} bytes, not sizeof(struct module) = {moduleStructSize}");
        if (!Within(module.Offset, module.Size, len))
            return Refuse(ModuleImageRefusal.BadModuleSection, $"module section {moduleIndex} at {module.Offset} (+{module.Size}) lies outside the image ({len} bytes)");

        // nameOffset + NameLength <= moduleStructSize == Size, and the section is within the image.
        var field = image.Slice((int)(module.Offset + nameOffset), NameLength);
        var end = field.IndexOf((byte)0);
        if (end < 0) return Refuse(ModuleImageRefusal.BadName, $"module name has no NUL within {NameLength} bytes");
        if (end == 0) return Refuse(ModuleImageRefusal.BadName, "module name is empty");

        var relocations = CheckRelocations(image, sections, moduleIndex, nameOffset);
        if (relocations.IsRefused) return relocations;
        return new ModuleImageNameResult(Encoding.UTF8.GetString(field[..end]), ModuleImageRefusal.None, null);
    }

    /// <summary>find_sec: the first SHF_ALLOC section (from 1) whose name is exactly the module section's; 0 when none.</summary>
    private static int FindModuleSection(SectionTable sections, ReadOnlySpan<byte> nameTable)
    {
        for (var i = 1; i < sections.Count; i++)
        {
            var s = sections[i];
            if ((s.Flags & ShfAlloc) == 0 || s.Name >= (ulong)nameTable.Length) continue;
            // The table ends with a NUL, so comparing the name with its NUL is strcmp.
            if (nameTable[(int)s.Name..].StartsWith(ModuleSectionName)) return i;
        }
        return 0;
    }

    /// <summary>
    /// The kernel applies relocations to struct module after the LSM hook has judged the image: one that writes into
    /// the name would give the module a name the hook never saw. Every entry is checked, up to the BPF side's bound.
    /// </summary>
    private static ModuleImageNameResult CheckRelocations(ReadOnlySpan<byte> image, SectionTable sections, int moduleIndex, uint nameOffset)
    {
        var total = 0;
        var lowest = nameOffset;
        var beyond = (ulong)nameOffset + NameLength;
        for (var i = 1; i < sections.Count; i++)
        {
            var s = sections[i];
            if (s.Type is not (ShtRela or ShtRel) || s.Info != (uint)moduleIndex) continue;
            var entry = s.Type == ShtRela ? RelaSize : RelSize;
            if (s.EntrySize != (ulong)entry)
                return Refuse(ModuleImageRefusal.BadSection, $"relocation section {i} has entries of {s.EntrySize} bytes, not {entry}");
            // Checked against the image in the section loop: offset and size fit in an int.
            var count = s.Size / (ulong)entry;
            for (ulong k = 0; k < count; k++)
            {
                if (++total > MaxRelocations)
                    return Refuse(ModuleImageRefusal.TooManyRelocations, $"more than {MaxRelocations} relocations apply to the module section");
                var offset = U64(image, (int)(s.Offset + k * (ulong)entry));
                if (offset < beyond && offset + RelocationReach >= lowest)
                    return Refuse(ModuleImageRefusal.RelocatesName, $"relocation {k} of section {i} writes at {offset}, into the name at {nameOffset}..{beyond - 1}");
            }
        }
        return default;
    }

    /// <summary>validate_section_offset: offset + size neither wraps nor passes the end of the image.</summary>
    private static bool Within(ulong offset, ulong size, ulong len) => offset <= len && size <= len - offset;

    private static ModuleImageNameResult Refuse(ModuleImageRefusal refusal, string message) => ModuleImageNameResult.Refuse(refusal, message);

    private static ushort U16(ReadOnlySpan<byte> image, int at) => BinaryPrimitives.ReadUInt16LittleEndian(image[at..]);

    private static ulong U64(ReadOnlySpan<byte> image, int at) => BinaryPrimitives.ReadUInt64LittleEndian(image[at..]);

    private readonly record struct Section(uint Name, uint Type, ulong Flags, ulong Offset, ulong Size, uint Link, uint Info, ulong EntrySize);

    /// <summary>The section header table, already checked to lie within the image.</summary>
    private readonly ref struct SectionTable(ReadOnlySpan<byte> image, int offset, int count)
    {
        private readonly ReadOnlySpan<byte> _table = image.Slice(offset, count * SectionHeaderSize);

        public int Count => count;

        public Section this[int index]
        {
            get
            {
                var h = _table.Slice(index * SectionHeaderSize, SectionHeaderSize);
                return new Section(
                    BinaryPrimitives.ReadUInt32LittleEndian(h),
                    BinaryPrimitives.ReadUInt32LittleEndian(h[4..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(h[8..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(h[24..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(h[32..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(h[40..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(h[44..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(h[56..]));
            }
        }
    }
}
