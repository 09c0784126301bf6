using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Modgate.Fuzz;

/// <summary>
/// AFL-style havoc without coverage: a stack of 1 to 16 random edits (bit flips, interesting integers, block
/// deletes, inserts and copies, dictionary words, splices with other corpus entries, whole-line edits, and for ELF
/// images header and section-header fields set to boundary values). Deterministic for a given <see cref="Random"/>.
/// </summary>
internal sealed class Mutator
{
    private readonly Random _random;
    private readonly byte[][] _tokens;
    private readonly bool _elf;
    private readonly int _maxLength;

    public Mutator(Random random, IEnumerable<string> tokens, bool elf, int maxLength)
    {
        _random = random;
        _tokens = [.. tokens.Concat(SpecialTokens).Select(t => Encoding.UTF8.GetBytes(t)), .. RawTokens];
        _elf = elf;
        _maxLength = maxLength;
    }

    /// <summary>Separators, escapes, glob characters and the bytes that make UTF-8 invalid or odd.</summary>
    private static readonly string[] SpecialTokens =
        ["\n", "\0", "\\\n", "\\", "#", " ", "\t", "\v", "\f", "\r\n", "[", "]", "[!", "*", "?", "-", "_", ",", "=", ":", ".", "/", "\uFEFF", "\u00e9", "\U0001F600"];

    private static readonly byte[][] RawTokens = [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0x80]];

    private static readonly ulong[] Interesting =
    [
        0, 1, 2, 7, 8, 9, 16, 17, 24, 31, 32, 55, 56, 63, 64, 65, 80, 127, 128, 255, 256, 896, 1024, 4095, 4096, 65535, 65536,
        0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000, long.MaxValue, 0x8000000000000000, ulong.MaxValue, ulong.MaxValue - 7,
    ];

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var data = new List<byte>(input);
        var edits = 1 << _random.Next(5);
        for (var i = 0; i < edits; i++) Edit(data, corpus);
        if (data.Count > _maxLength) data.RemoveRange(_maxLength, data.Count - _maxLength);
        return [.. data];
    }

    private void Edit(List<byte> data, IReadOnlyList<byte[]> corpus)
    {
        var n = data.Count;
        switch (_random.Next(_elf ? 15 : 13))
        {
            case 0 when n > 0:
                data[At(n)] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when n > 0:
                data[At(n)] = (byte)_random.Next(256);
                break;
            case 2:
                WriteInteger(data, At(n + 1), Interesting[_random.Next(Interesting.Length)] + (ulong)(_random.Next(3) - 1) * (ulong)_random.Next(2));
                break;
            case 3 when n > 0:
            {
                var width = 1 << _random.Next(4);
                var at = At(n);
                if (at + width > n) break;
                var span = CollectionsMarshal.AsSpan(data).Slice(at, width);
                var delta = (ulong)(long)(_random.Next(71) - 35);
                Store(span, Load(span) + delta);
                break;
            }
            case 4 when n > 0:
            {
                var at = At(n);
                data.RemoveRange(at, Math.Min(BlockLength(), n - at));
                break;
            }
            case 5:
            {
                var length = BlockLength();
                var fill = _random.Next(2) == 0 ? (byte)_random.Next(256) : (byte?)null;
                var block = new byte[length];
                if (fill is { } f) block.AsSpan().Fill(f);
                else _random.NextBytes(block);
                data.InsertRange(At(n + 1), block);
                break;
            }
            case 6 when n > 0:
            {
                var from = At(n);
                var block = data.GetRange(from, Math.Min(BlockLength(), n - from));
                data.InsertRange(At(n + 1), block);
                break;
            }
            case 7 when n > 1:
            {
                var from = At(n);
                var block = data.GetRange(from, Math.Min(BlockLength(), n - from));
                var to = At(n);
                for (var k = 0; k < block.Count && to + k < n; k++) data[to + k] = block[k];
                break;
            }
            case 8:
            {
                var token = _tokens[_random.Next(_tokens.Length)];
                var at = At(n + 1);
                if (_random.Next(2) == 0 || at + token.Length > n) data.InsertRange(at, token);
                else for (var k = 0; k < token.Length; k++) data[at + k] = token[k];
                break;
            }
            case 9 when corpus.Count > 0:
            {
                var other = corpus[_random.Next(corpus.Count)];
                if (other.Length == 0) break;
                var cut = At(n + 1);
                var from = _random.Next(other.Length);
                if (_random.Next(2) == 0)
                {
                    data.RemoveRange(cut, n - cut); // crossover: our head, its tail
                    data.AddRange(other.AsSpan(from).ToArray());
                }
                else
                {
                    data.InsertRange(cut, other.AsSpan(from, Math.Min(BlockLength(), other.Length - from)).ToArray());
                }
                break;
            }
            case 10 or 11:
                EditLines(data, corpus);
                break;
            case 12 when n > 0:
            {
                var cut = At(n);
                data.RemoveRange(cut, n - cut);
                break;
            }
            case 13 or 14:
                ElfMutations.Edit(data, _random);
                break;
        }
    }

    /// <summary>Whole lines: delete, duplicate, swap, or bring one in from another corpus entry.</summary>
    private void EditLines(List<byte> data, IReadOnlyList<byte[]> corpus)
    {
        var lines = Split(data);
        if (lines.Count == 0) return;
        var i = _random.Next(lines.Count);
        switch (_random.Next(4))
        {
            case 0:
                lines.RemoveAt(i);
                break;
            case 1:
                lines.Insert(_random.Next(lines.Count + 1), lines[i]);
                break;
            case 2:
                var j = _random.Next(lines.Count);
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            default:
                if (corpus.Count == 0) return;
                var others = Split([.. corpus[_random.Next(corpus.Count)]]);
                if (others.Count > 0) lines.Insert(i, others[_random.Next(others.Count)]);
                break;
        }
        data.Clear();
        foreach (var line in lines) data.AddRange(line);
    }

    /// <summary>Lines with their terminating newline (the last one may have none).</summary>
    private static List<byte[]> Split(List<byte> data)
    {
        var lines = new List<byte[]>();
        var span = CollectionsMarshal.AsSpan(data);
        while (!span.IsEmpty)
        {
            var end = span.IndexOf((byte)'\n');
            var length = end < 0 ? span.Length : end + 1;
            lines.Add(span[..length].ToArray());
            span = span[length..];
        }
        return lines;
    }

    private int At(int bound) => _random.Next(bound);

    /// <summary>Mostly short blocks, sometimes long ones.</summary>
    private int BlockLength() => _random.Next(8) == 0 ? 1 + _random.Next(4096) : 1 + _random.Next(32);

    private void WriteInteger(List<byte> data, int at, ulong value)
    {
        var width = 1 << _random.Next(4);
        Span<byte> bytes = stackalloc byte[8];
        if (_random.Next(4) == 0) BinaryPrimitives.WriteUInt64BigEndian(bytes, value << (64 - 8 * width));
        else BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        for (var k = 0; k < width; k++)
        {
            if (at + k < data.Count) data[at + k] = bytes[k];
            else data.Add(bytes[k]);
        }
    }

    private static ulong Load(Span<byte> span) => span.Length switch
    {
        1 => span[0],
        2 => BinaryPrimitives.ReadUInt16LittleEndian(span),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(span),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(span),
    };

    private static void Store(Span<byte> span, ulong value)
    {
        switch (span.Length)
        {
            case 1: span[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)value); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(span, value); break;
        }
    }
}
