using System.Buffers.Binary;
using System.Text;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// systemd's native journal protocol (systemd.io/JOURNAL_NATIVE_PROTOCOL): one datagram per entry, each
/// field <c>NAME=value\n</c>; a value holding a newline is sent as <c>NAME\n</c>, its length as a
/// little-endian 64-bit integer, the bytes, then <c>\n</c>. Field names are upper-case letters, digits and
/// underscores, not starting with an underscore (journald drops the others).
/// </summary>
public static class JournalNativeProtocol
{
    public static byte[] Encode(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[8];
        foreach (var (name, value) in fields)
        {
            if (!IsValidFieldName(name)) throw new ArgumentException($"'{name}' is not a journal field name", nameof(fields));
            var nameBytes = Encoding.ASCII.GetBytes(name);
            var valueBytes = Encoding.UTF8.GetBytes(value);
            buffer.Write(nameBytes);
            if (Array.IndexOf(valueBytes, (byte)'\n') < 0)
            {
                buffer.WriteByte((byte)'=');
                buffer.Write(valueBytes);
            }
            else
            {
                buffer.WriteByte((byte)'\n');
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)valueBytes.Length);
                buffer.Write(length);
                buffer.Write(valueBytes);
            }
            buffer.WriteByte((byte)'\n');
        }
        return buffer.ToArray();
    }

    /// <summary>journald's rule (journal_field_valid): 1–64 characters of A–Z, 0–9, '_', not starting with '_' or a digit.</summary>
    public static bool IsValidFieldName(string name)
    {
        if (name.Length is 0 or > 64 || name[0] == '_' || char.IsAsciiDigit(name[0])) return false;
        foreach (var c in name)
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')) return false;
        return true;
    }
}
