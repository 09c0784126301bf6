using System.Buffers.Binary;
using System.Text;

namespace Modgate.Kernel.Tests;

/// <summary>
/// Edits the section headers of a 64-bit little-endian ELF image in place, to craft the bad images the module name
/// scan must refuse. Written independently of <see cref="ModuleImageName"/> so that tests do not check the scan with itself.
/// </summary>
internal sealed class ElfEditor(byte[] image)
{
    public byte[] Bytes { get; private set; } = (byte[])image.Clone();

    public const uint ShtRela = 4, ShtNobits = 8, ShtRel = 9;
    public const ulong ShfAlloc = 2;

    public int SectionCount => BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(60));

    public int NameTableIndex => BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(62));

    private int Header(int section) => (int)BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan(40)) + section * 64;

    public uint NameOffset(int s) => U32(s, 0);
    public uint Type(int s) => U32(s, 4);
    public ulong Flags(int s) => U64(s, 8);
    public ulong Offset(int s) => U64(s, 24);
    public ulong Size(int s) => U64(s, 32);
    public uint Info(int s) => U32(s, 44);

    public ElfEditor SetNameOffset(int s, uint v) => Set32(s, 0, v);
    public ElfEditor SetType(int s, uint v) => Set32(s, 4, v);
    public ElfEditor SetFlags(int s, ulong v) => Set64(s, 8, v);
    public ElfEditor SetOffset(int s, ulong v) => Set64(s, 24, v);
    public ElfEditor SetSize(int s, ulong v) => Set64(s, 32, v);
    public ElfEditor SetLink(int s, uint v) => Set32(s, 40, v);
    public ElfEditor SetInfo(int s, uint v) => Set32(s, 44, v);
    public ElfEditor SetEntrySize(int s, ulong v) => Set64(s, 56, v);

    public ElfEditor SetByte(int at, byte value)
    {
        Bytes[at] = value;
        return this;
    }

    public ElfEditor SetU16(int at, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(Bytes.AsSpan(at), value);
        return this;
    }

    public ElfEditor SetU64(int at, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Bytes.AsSpan(at), value);
        return this;
    }

    public string SectionName(int s)
    {
        var table = Bytes.AsSpan((int)Offset(NameTableIndex), (int)Size(NameTableIndex));
        var name = table[(int)NameOffset(s)..];
        return Encoding.ASCII.GetString(name[..name.IndexOf((byte)0)]);
    }

    public int IndexOf(string name)
    {
        for (var i = 0; i < SectionCount; i++)
            if (SectionName(i) == name) return i;
        throw new InvalidOperationException($"no section {name}");
    }

    public byte[] Contents(int s) => Bytes.AsSpan((int)Offset(s), (int)Size(s)).ToArray();

    /// <summary>Appends bytes at the end of the image (8-aligned) and returns their offset; no header moves.</summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        var at = (Bytes.Length + 7) & ~7;
        var grown = new byte[at + data.Length];
        Bytes.CopyTo(grown, 0);
        data.CopyTo(grown.AsSpan(at));
        Bytes = grown;
        return at;
    }

    private uint U32(int s, int field) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(Header(s) + field));

    private ulong U64(int s, int field) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan(Header(s) + field));

    private ElfEditor Set32(int s, int field, uint v)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Bytes.AsSpan(Header(s) + field), v);
        return this;
    }

    private ElfEditor Set64(int s, int field, ulong v)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(Bytes.AsSpan(Header(s) + field), v);
        return this;
    }
}
