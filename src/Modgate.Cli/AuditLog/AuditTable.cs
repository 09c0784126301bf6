using Modgate.Enforcement.Audit;
using Modgate.Policy;

namespace Modgate.Cli.AuditLog;

/// <summary>The human table of `modgate log`: one row a record, fixed columns, the rule last (it is the longest).</summary>
internal static class AuditTable
{
    public const string Header = "TIME                  DECISION    VERB      MODULE               REQUEST              ORIGIN    UID    PROCESS                  LAYER/RULE";

    public static string Row(AuditEvent e) =>
        $"{e.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  " +
        $"{AuditWords.Decision(e.Decision),-10}  " +
        $"{AuditWords.Verb(e.Verb),-8}  " +
        $"{e.Module ?? "-",-19}  " +
        $"{e.Request ?? "-",-19}  " +
        $"{(e.Origin is { } o ? AuditWords.Origin(o) : "-"),-8}  " +
        $"{e.Uid,-5}  " +
        $"{AuditRecordCodec.Printable(e.Comm) + "[" + e.Pid + "]",-23}  " +
        (e.Rule is { } rule ? (e.Layer == DecisionLayer.Rule ? rule : $"{AuditWords.Layer(e.Layer)} {rule}") : AuditWords.Layer(e.Layer));
}
