using System.Globalization;
using System.Text;
using System.Text.Json;
using Modgate.Policy;

namespace Modgate.Enforcement.Audit;

/// <summary>Turns an <see cref="AuditEvent"/> into its audit.jsonl line and back, strictly.</summary>
public static class AuditRecordCodec
{
    public const int Schema = 1;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static AuditRecordJson ToJson(AuditEvent e) => new(
        Schema,
        FormatTime(e.Time),
        PolicyWords.Of(e.Verb),
        e.Request,
        e.Module,
        e.Origin is { } origin ? PolicyWords.Of(origin) : null,
        AuditWords.Decision(e.Decision),
        PolicyWords.Of(e.Layer),
        e.Rule,
        e.Pid,
        e.Tgid,
        e.Comm,
        e.Exe,
        e.Uid,
        e.Cgroup,
        [.. e.Caps.ToNames()],
        e.Reason);

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The complete line, newline included, as UTF-8: what one write(2) appends.</summary>
    public static byte[] ToLine(AuditEvent e)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(ToJson(e), AuditJsonContext.Default.AuditRecordJson);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Parses one line; on failure <paramref name="error"/> says what is wrong (without the position: the caller knows it).</summary>
    public static AuditEvent? TryParse(string line, out string? error)
    {
        AuditRecordJson? json;
        try
        {
            json = JsonSerializer.Deserialize(line, AuditJsonContext.Default.AuditRecordJson);
        }
        catch (JsonException e)
        {
            error = "not a JSON audit record: " + e.Message;
            return null;
        }
        if (json is null) { error = "not a JSON audit record: null"; return null; }
        return FromJson(json, out error);
    }

    public static AuditEvent? FromJson(AuditRecordJson json, out string? error)
    {
        error = null;
        if (json.Schema != Schema) error = $"audit record schema {json.Schema} is not supported (this modgate reads schema {Schema})";
        else if (!DateTimeOffset.TryParseExact(json.Time, TimeFormat, CultureInfo.InvariantCulture,
                     DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            error = $"bad time '{json.Time}' (expected {TimeFormat})";
        else if (json.Verb is null || !PolicyWords.TryParse(json.Verb, out Verb verb)) error = $"unknown verb '{json.Verb}'";
        else if (json.Decision is null || !AuditWords.TryDecision(json.Decision, out var decision)) error = $"unknown decision '{json.Decision}'";
        else if (json.Layer is null || !PolicyWords.TryParse(json.Layer, out DecisionLayer layer)) error = $"unknown layer '{json.Layer}'";
        else if (json.Origin is not null && !PolicyWords.TryParse(json.Origin, out Origin _)) error = $"unknown origin '{json.Origin}'";
        else if (json.Comm is null) error = "missing comm";
        else if (ParseCaps(json.Caps, out var caps) is { } capError) error = capError;
        else
        {
            Origin? origin = json.Origin is null ? null : PolicyWords.TryParse(json.Origin, out Origin o) ? o : null;
            return new AuditEvent(time, verb, json.Request, json.Module, origin, decision, layer, json.Rule,
                json.Pid, json.Tgid, json.Comm, json.Exe, json.Uid, json.Cgroup, caps, json.Reason);
        }
        return null;
    }

    private static string? ParseCaps(IReadOnlyList<string>? names, out CapabilitySet caps)
    {
        caps = CapabilitySet.None;
        foreach (var name in names ?? [])
        {
            if (!CapabilitySet.TryParseName(name, out var number)) return $"unknown capability '{name}'";
            caps = caps.With(number);
        }
        return null;
    }

    /// <summary>Quotes a value for a one-line human message: the kernel gives comm and paths as raw bytes.</summary>
    public static string Printable(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
            builder.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c);
        return builder.ToString();
    }
}
