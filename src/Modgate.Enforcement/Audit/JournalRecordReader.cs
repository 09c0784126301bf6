using System.Globalization;
using System.Text;
using System.Text.Json;
using Modgate.Policy;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// Turns one line of <c>journalctl -o json</c> (an entry written by <see cref="JournalSink"/>) back into an
/// audit record, from its MODGATE_* fields. journalctl writes a value with unprintable bytes as an array of
/// numbers; both forms are read.
/// </summary>
public static class JournalRecordReader
{
    public static AuditEvent? TryParse(string line, out string? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            error = "not a journalctl JSON entry: " + e.Message;
            return null;
        }
        using (document)
        {
            var entry = document.RootElement;
            string? Field(string name) => entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var value) ? Text(value) : null;
            var caps = Field("MODGATE_CAPS") is { Length: > 0 } list ? list.Split(',') : [];
            var record = new AuditRecordJson(AuditRecordCodec.Schema, Field("MODGATE_TIME") ?? "", Field("MODGATE_VERB") ?? "",
                Field("MODGATE_REQUEST"), Field("MODGATE_MODULE"), Field("MODGATE_ORIGIN"), Field("MODGATE_DECISION") ?? "",
                Field("MODGATE_LAYER") ?? "", Field("MODGATE_RULE"), Number(Field("MODGATE_PID")), Number(Field("MODGATE_TGID")),
                Field("MODGATE_COMM") ?? "", Field("MODGATE_EXE"), Uid(Field("MODGATE_UID")), Field("MODGATE_CGROUP"), caps,
                Field("MODGATE_REASON"));
            return AuditRecordCodec.FromJson(record, out error);
        }
    }

    private static int Number(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static uint Uid(string? text) => uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : uint.MaxValue;

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => Encoding.UTF8.GetString(value.EnumerateArray().Select(b => (byte)b.GetInt32()).ToArray()),
        _ => null,
    };
}
