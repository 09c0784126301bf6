using Modgate.Cli.Output;
using Modgate.Enforcement.Audit;
using Modgate.Policy;

namespace Modgate.Cli.AuditLog;

/// <summary>
/// The human table of `modgate log`: one row a record, the rule last (it is the longest). --wide gets fixed column
/// widths whatever the records (<see cref="StreamingTable"/>); a width (a terminal's, COLUMNS, a pipe's 80) gives up
/// ORIGIN, VERB, UID, PROCESS, REQUEST and TIME in that order, then shortens the rule and the module.
/// </summary>
internal static class AuditTable
{
    // Priority 0 stays whole; higher gives way sooner (TableColumn).
    private static readonly TableColumn[] Columns =
    [
        new("TIME", Priority: 3, MinWidth: 20),
        new("DECISION"),
        new("VERB", Priority: 7, MinWidth: 8),
        new("MODULE", Priority: 1, MinWidth: 12),
        new("REQUEST", Priority: 4, MinWidth: 14),
        new("ORIGIN", Priority: 8, MinWidth: 8),
        new("UID", Priority: 6, MinWidth: 5),
        new("PROCESS", Priority: 5, MinWidth: 20),
        // 28 keeps "/etc/modgate/policy.conf:NNN" whole.
        new("LAYER/RULE", Priority: 2, MinWidth: 28),
    ];

    private static readonly int[] UsualWidths = [20, 10, 8, 19, 19, 8, 5, 23, 30];

    public static StreamingTable For(OutputStyle style, IReadOnlyList<AuditEvent> known) => new(Columns, UsualWidths, [.. known.Select(Cells)], style);

    public static TableCell[] Cells(AuditEvent e) =>
    [
        $"{e.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z",
        new(AuditWords.Decision(e.Decision), DecisionHue(e.Decision)),
        PolicyWords.Of(e.Verb),
        e.Module ?? "-",
        e.Request ?? "-",
        e.Origin is { } o ? PolicyWords.Of(o) : "-",
        e.Uid.ToString(),
        AuditRecordCodec.Printable(e.Comm) + "[" + e.Pid + "]",
        e.Rule is { } rule ? (e.Layer == DecisionLayer.Rule ? rule : $"{PolicyWords.Of(e.Layer)} {rule}") : PolicyWords.Of(e.Layer),
    ];

    /// <summary>Red for what was denied, yellow for what complain mode let through, green for an allowed (audited) one.</summary>
    public static Hue DecisionHue(AuditDecision decision) => decision switch
    {
        AuditDecision.Deny => Hue.Bad,
        AuditDecision.WouldDeny => Hue.Caution,
        _ => Hue.Good,
    };
}
