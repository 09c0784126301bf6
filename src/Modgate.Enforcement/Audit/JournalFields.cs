using Modgate.Policy;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// The journal entry of an audit record: a readable MESSAGE, a PRIORITY (deny = warning, the rest = notice),
/// and every field of the record as <c>MODGATE_*</c> (documented in docs/audit.md), so
/// <c>journalctl MODGATE_DECISION=deny</c> finds the denials.
/// </summary>
public static class JournalFields
{
    /// <summary>The MESSAGE_ID of every modgate audit entry (journalctl MESSAGE_ID=…; a catalog entry can key on it).</summary>
    public const string MessageId = "6d6f64676174654a0b1dcb3e8c7a9e11";

    public const string Identifier = "modgate";

    public static IReadOnlyList<KeyValuePair<string, string>> Of(AuditEvent e)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("MESSAGE", e.Message),
            new("MESSAGE_ID", MessageId),
            new("PRIORITY", e.Decision == AuditDecision.Deny ? "4" : "5"),
            new("SYSLOG_IDENTIFIER", Identifier),
            new("MODGATE_TIME", AuditRecordCodec.FormatTime(e.Time)),
            new("MODGATE_VERB", PolicyWords.Of(e.Verb)),
        };
        Add(fields, "MODGATE_REQUEST", e.Request);
        Add(fields, "MODGATE_MODULE", e.Module);
        Add(fields, "MODGATE_ORIGIN", e.Origin is { } origin ? PolicyWords.Of(origin) : null);
        fields.Add(new("MODGATE_DECISION", AuditWords.Decision(e.Decision)));
        fields.Add(new("MODGATE_LAYER", PolicyWords.Of(e.Layer)));
        Add(fields, "MODGATE_RULE", e.Rule);
        fields.Add(new("MODGATE_PID", e.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        fields.Add(new("MODGATE_TGID", e.Tgid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        fields.Add(new("MODGATE_COMM", e.Comm));
        Add(fields, "MODGATE_EXE", e.Exe);
        fields.Add(new("MODGATE_UID", e.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Add(fields, "MODGATE_CGROUP", e.Cgroup);
        fields.Add(new("MODGATE_CAPS", string.Join(',', e.Caps.ToNames())));
        Add(fields, "MODGATE_REASON", e.Reason);
        return fields;
    }

    // Absent values are absent fields: journalctl then shows no MODGATE_REQUEST for a load, rather than an empty one.
    private static void Add(List<KeyValuePair<string, string>> fields, string name, string? value)
    {
        if (value is not null) fields.Add(new(name, value));
    }
}
