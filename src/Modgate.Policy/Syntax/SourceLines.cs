using System.Text;

namespace Modgate.Policy;

/// <summary>One line of policy text, decoded; <see cref="Text"/> is null when the line could not be decoded.</summary>
internal readonly record struct SourceLine(int Number, string? Text);

/// <summary>
/// Splits raw policy bytes into lines and decodes them as UTF-8. A line that is not UTF-8 or longer
/// than <see cref="MaxLineBytes"/> becomes a diagnostic at the offending column and is skipped, so the
/// rest of the file is still checked.
/// </summary>
internal static class SourceLines
{
    public const int MaxLineBytes = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static List<SourceLine> Split(string file, ReadOnlySpan<byte> bytes, List<Diagnostic> diagnostics)
    {
        var lines = new List<SourceLine>();
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];   // editors on other systems add a BOM
        var number = 0;
        while (!bytes.IsEmpty || number == 0)
        {
            number++;
            var end = bytes.IndexOf((byte)'\n');
            var raw = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            if (raw.EndsWith("\r"u8)) raw = raw[..^1];
            lines.Add(new SourceLine(number, Decode(file, number, raw, diagnostics)));
            if (end < 0) break;
        }
        return lines;
    }

    private static string? Decode(string file, int number, ReadOnlySpan<byte> raw, List<Diagnostic> diagnostics)
    {
        if (raw.Length > MaxLineBytes)
        {
            diagnostics.Add(Diagnostic.Error(new SourcePosition(file, number, 1),
                $"line is {raw.Length} bytes long; the limit is {MaxLineBytes} bytes"));
            return null;
        }
        var badAt = FirstInvalidUtf8(raw);
        if (badAt >= 0)
        {
            var column = Encoding.UTF8.GetCharCount(raw[..badAt]) + 1;
            diagnostics.Add(Diagnostic.Error(new SourcePosition(file, number, column),
                $"invalid UTF-8 byte 0x{raw[badAt]:X2}: policy files must be UTF-8 text"));
            return null;
        }
        var text = StrictUtf8.GetString(raw);
        var control = text.AsSpan().IndexOfAnyInRange('\0', '\u0008');
        if (control >= 0)
        {
            diagnostics.Add(Diagnostic.Error(new SourcePosition(file, number, control + 1),
                $"control character U+{(int)text[control]:X4} in policy text"));
            return null;
        }
        return text;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> raw)
    {
        var offset = 0;
        while (offset < raw.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(raw[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        }
        return -1;
    }
}
