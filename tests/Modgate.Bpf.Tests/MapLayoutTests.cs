using Modgate.Tests.Shared;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Modgate.Bpf.Maps;
using static Modgate.Tests.Shared.NativeProbe;

namespace Modgate.Bpf.Tests;

/// <summary>
/// The C# mirrors must have exactly the layout of bpf/modgate.h: a C program compiled from the header with gcc
/// prints sizeof/offsetof of every field, and each is compared with what the runtime lays out.
/// </summary>
public sealed class MapLayoutTests
{
    // (C struct, C field or "" for sizeof, C# figure)
    private static readonly (string Struct, string Field, long CSharp)[] Layout =
    [
        ("mg_key", "", Unsafe.SizeOf<MgKey>()),
        ("mg_key", "slot", Offset((ref MgKey k) => ref k.Slot)),
        ("mg_key", "table", Offset((ref MgKey k) => ref k.Table)),
        ("mg_key", "str", Offset((ref MgKey k) => ref k.Str)),
        ("mg_lpm_key", "", Unsafe.SizeOf<MgLpmKey>()),
        ("mg_lpm_key", "prefixlen", Offset((ref MgLpmKey k) => ref k.PrefixLength)),
        ("mg_lpm_key", "key", Offset((ref MgLpmKey k) => ref k.Key)),
        ("mg_lpm_key", "pad", Offset((ref MgLpmKey k) => ref k.Pad)),
        ("mg_candidates", "", Unsafe.SizeOf<MgCandidates>()),
        ("mg_candidates", "count", Offset((ref MgCandidates c) => ref c.Count)),
        ("mg_candidates", "index", Offset((ref MgCandidates c) => ref c.Index)),
        ("mg_rule", "", Unsafe.SizeOf<MgRule>()),
        ("mg_rule", "action", Offset((ref MgRule r) => ref r.Action)),
        ("mg_rule", "origin", Offset((ref MgRule r) => ref r.Origin)),
        ("mg_rule", "capability", Offset((ref MgRule r) => ref r.Capability)),
        ("mg_rule", "flags", Offset((ref MgRule r) => ref r.Flags)),
        ("mg_rule", "uid_first", Offset((ref MgRule r) => ref r.UidFirst)),
        ("mg_rule", "uid_last", Offset((ref MgRule r) => ref r.UidLast)),
        ("mg_rule", "rule_index", Offset((ref MgRule r) => ref r.RuleIndex)),
        ("mg_cgroup_key", "", Unsafe.SizeOf<MgCgroupKey>()),
        ("mg_cgroup_key", "slot", Offset((ref MgCgroupKey k) => ref k.Slot)),
        ("mg_cgroup_key", "is_grant", Offset((ref MgCgroupKey k) => ref k.IsGrant)),
        ("mg_cgroup_key", "index", Offset((ref MgCgroupKey k) => ref k.Index)),
        ("mg_cgroup_key", "cgroup_id", Offset((ref MgCgroupKey k) => ref k.CgroupId)),
        ("mg_config", "", Unsafe.SizeOf<MgConfig>()),
        ("mg_config", "mode", Offset((ref MgConfig c) => ref c.Mode)),
        ("mg_config", "default_verdict", Offset((ref MgConfig c) => ref c.DefaultVerdict)),
        ("mg_config", "enforcement", Offset((ref MgConfig c) => ref c.Enforcement)),
        ("mg_config", "generation", Offset((ref MgConfig c) => ref c.Generation)),
        ("mg_config", "flags", Offset((ref MgConfig c) => ref c.Flags)),
        ("mg_config", "modprobe_path", Offset((ref MgConfig c) => ref c.ModprobePath)),
        ("mg_state", "", Unsafe.SizeOf<MgState>()),
        ("mg_state", "active_slot", Offset((ref MgState s) => ref s.ActiveSlot)),
        ("mg_state", "generation", Offset((ref MgState s) => ref s.Generation)),
        ("mg_state", "reserved", Offset((ref MgState s) => ref s.Reserved0)),
        ("mg_file_key", "", Unsafe.SizeOf<MgFileKey>()),
        ("mg_file_key", "ino", Offset((ref MgFileKey k) => ref k.Ino)),
        ("mg_file_value", "", Unsafe.SizeOf<MgFileValue>()),
        ("mg_file_value", "size", Offset((ref MgFileValue v) => ref v.Size)),
        ("mg_file_value", "ctime_sec", Offset((ref MgFileValue v) => ref v.CtimeSec)),
        ("mg_file_value", "ctime_nsec", Offset((ref MgFileValue v) => ref v.CtimeNsec)),
        ("mg_task", "", Unsafe.SizeOf<MgTask>()),
        ("mg_task", "mode", Offset((ref MgTask t) => ref t.Mode)),
        ("mg_task", "flags", Offset((ref MgTask t) => ref t.Flags)),
        ("mg_task", "requester_uid", Offset((ref MgTask t) => ref t.RequesterUid)),
        ("mg_task", "requester_caps", Offset((ref MgTask t) => ref t.RequesterCaps)),
        ("mg_task", "requester_cgroup", Offset((ref MgTask t) => ref t.RequesterCgroup)),
        ("mg_event", "", Unsafe.SizeOf<MgEvent>()),
        ("mg_event", "boot_ns", Offset((ref MgEvent e) => ref e.BootNs)),
        ("mg_event", "cgroup_id", Offset((ref MgEvent e) => ref e.CgroupId)),
        ("mg_event", "caps", Offset((ref MgEvent e) => ref e.Caps)),
        ("mg_event", "pid", Offset((ref MgEvent e) => ref e.Pid)),
        ("mg_event", "tgid", Offset((ref MgEvent e) => ref e.Tgid)),
        ("mg_event", "uid", Offset((ref MgEvent e) => ref e.Uid)),
        ("mg_event", "generation", Offset((ref MgEvent e) => ref e.Generation)),
        ("mg_event", "rule", Offset((ref MgEvent e) => ref e.Rule)),
        ("mg_event", "audit_rule", Offset((ref MgEvent e) => ref e.AuditRule)),
        ("mg_event", "verb", Offset((ref MgEvent e) => ref e.Verb)),
        ("mg_event", "origin", Offset((ref MgEvent e) => ref e.Origin)),
        ("mg_event", "decision", Offset((ref MgEvent e) => ref e.Decision)),
        ("mg_event", "layer", Offset((ref MgEvent e) => ref e.Layer)),
        ("mg_event", "reason", Offset((ref MgEvent e) => ref e.Reason)),
        ("mg_event", "request", Offset((ref MgEvent e) => ref e.Request)),
        ("mg_event", "module", Offset((ref MgEvent e) => ref e.Module)),
        ("mg_event", "comm", Offset((ref MgEvent e) => ref e.Comm)),
        ("mg_event", "exe", Offset((ref MgEvent e) => ref e.Exe)),
    ];

    private static readonly (string Name, long CSharp)[] Constants =
    [
        ("MG_STR_LEN", MapConstants.StringLength),
        ("MG_MAX_CANDIDATES", MapConstants.MaxCandidates),
        ("MG_MAX_RULES", MapConstants.MaxRules),
        ("MG_MAX_INDEX", MapConstants.MaxIndexEntries),
        ("MG_SLOTS", MapConstants.Slots),
        ("MG_COUNTERS", MapConstants.Counters),
        ("MG_OUTCOMES", MapConstants.Outcomes),
        ("MG_COUNTER_EVENTS_DROPPED", MapConstants.CounterEventsDropped),
        ("MG_NO_CAPABILITY", MapConstants.NoCapability),
        ("MG_RULE_HAS_UID", MapConstants.RuleHasUid),
        ("MG_RULE_HAS_CGROUP", MapConstants.RuleHasCgroup),
        ("MG_CONFIG_UNLOAD_BY_NAME", MapConstants.ConfigUnloadByName),
        ("MG_CONFIG_LOAD_BY_NAME", MapConstants.ConfigLoadByName),
        ("MG_MAX_MODULE_FILES", MapConstants.MaxModuleFiles),
        ("MG_PRCTL_OPTION", MapConstants.PrctlOption),
        ("MG_PRCTL_SET_MODE", MapConstants.PrctlSetMode),
        ("MG_PRCTL_GET_MODES", MapConstants.PrctlGetModes),
        ("MG_PRCTL_DECIDE", MapConstants.PrctlDecide),
        ("MG_PRCTL_ALLOW_DECIDE", MapConstants.PrctlAllowDecide),
        ("MG_PRCTL_ANSWER", MapConstants.PrctlAnswer),
        ("MG_PRCTL_PAYLOAD_LIMIT", MapConstants.PrctlPayloadLimit),
        ("MG_PRCTL_MODE_BITS", MapConstants.PrctlModeBits),
        ("MG_PRCTL_PART_SHIFT", MapConstants.PrctlPartShift),
        ("MG_PRCTL_PART_DECISION", MapConstants.PrctlPartDecision),
        ("MG_PRCTL_PART_RULE_LOW", MapConstants.PrctlPartRuleLow),
        ("MG_PRCTL_PART_RULE_HIGH", MapConstants.PrctlPartRuleHigh),
        ("MG_PRCTL_RULE_PART_BITS", MapConstants.PrctlRulePartBits),
        ("MG_DECISION_DENY", MapConstants.DecisionDeny),
        ("MG_DECISION_WOULD_DENY", MapConstants.DecisionWouldDeny),
        ("MG_DECISION_LAYER_SHIFT", MapConstants.DecisionLayerShift),
        ("MG_TASK_ORIGIN_AUTOLOAD", MapConstants.TaskOriginAutoload),
        ("MG_TASK_MAY_DECIDE", MapConstants.TaskMayDecide),
        ("MG_EVENTS_SIZE", MapConstants.EventsSize),
        ("MG_EVENT_EXE_LEN", MapConstants.EventExeLength),
        ("MG_TABLE_AUTOLOAD", (long)IndexTable.Autoload),
        ("MG_TABLE_LOAD", (long)IndexTable.Load),
        ("MG_TABLE_UNLOAD", (long)IndexTable.Unload),
        ("MG_TABLE_GRANT", (long)IndexTable.Grant),
        ("MG_VERBS", MapConstants.Verbs),
        ("MG_TASK_REQUESTER_UNKNOWN", MapConstants.TaskRequesterUnknown),
        ("MG_VERB_AUTOLOAD", (long)KernelVerb.Autoload),
        ("MG_VERB_LOAD", (long)KernelVerb.Load),
        ("MG_VERB_UNLOAD", (long)KernelVerb.Unload),
        ("MG_MODE_CLASSIC", (long)KernelMode.Classic),
        ("MG_MODE_PRIVILEGED", (long)KernelMode.Privileged),
        ("MG_MODE_OFF", (long)KernelMode.Off),
        ("MG_ACTION_ALLOW", (long)KernelAction.Allow),
        ("MG_ACTION_DENY", (long)KernelAction.Deny),
        ("MG_ACTION_AUDIT", (long)KernelAction.Audit),
        ("MG_ORIGIN_ANY", (long)KernelOrigin.Any),
        ("MG_ORIGIN_AUTOLOAD", (long)KernelOrigin.Autoload),
        ("MG_ORIGIN_EXPLICIT", (long)KernelOrigin.Explicit),
        ("MG_VERDICT_ALLOW", (long)KernelVerdict.Allow),
        ("MG_VERDICT_DENY", (long)KernelVerdict.Deny),
        ("MG_LAYER_PROCESS_MODE", (long)KernelLayer.ProcessMode),
        ("MG_LAYER_GLOBAL_MODE", (long)KernelLayer.GlobalMode),
        ("MG_LAYER_RULE", (long)KernelLayer.Rule),
        ("MG_LAYER_DEFAULT", (long)KernelLayer.Default),
        ("MG_ENFORCE", (long)KernelEnforcement.Enforce),
        ("MG_COMPLAIN", (long)KernelEnforcement.Complain),
        ("MG_OUTCOME_ALLOWED", (long)KernelOutcome.Allowed),
        ("MG_OUTCOME_DENIED", (long)KernelOutcome.Denied),
        ("MG_OUTCOME_WOULD_DENY", (long)KernelOutcome.WouldDeny),
        ("MG_OUTCOME_AUDITED", (long)KernelOutcome.Audited),
        ("MG_EVENT_ALLOW", (long)KernelEventDecision.Allow),
        ("MG_EVENT_DENY", (long)KernelEventDecision.Deny),
        ("MG_EVENT_WOULD_DENY", (long)KernelEventDecision.WouldDeny),
        ("MG_REASON_NONE", (long)KernelReason.None),
        ("MG_REASON_UNPARSED", (long)KernelReason.Unparsed),
        ("MG_REASON_UNSCANNED", (long)KernelReason.Unscanned),
        ("MG_REASON_UNREADABLE_NAME", (long)KernelReason.UnreadableName),
        ("MG_CAP_SYS_MODULE", KernelCapabilities.SysModule),
        ("MG_CAP_SYS_ADMIN", KernelCapabilities.SysAdmin),
        ("MG_MAX_PENDING", KernelInternals.MaxPending),
        ("MG_PENDING_NS", (long)KernelInternals.PendingNs),
        ("MG_REQUESTER_UNKNOWN", KernelInternals.RequesterUnknown),
        ("MG_ELF_MAX_REL_SECTIONS", KernelInternals.ElfMaxRelSections),
        ("MG_ELF_MAX_RELOCATIONS", KernelInternals.ElfMaxRelocations),
    ];

    private static string Header => Path.Combine(RepositoryRoot.Path, "src", "Modgate.Bpf", "bpf", "modgate.h");

    private static string Expression(string structName, string field) =>
        field.Length == 0 ? $"sizeof(struct {structName})" : $"offsetof(struct {structName}, {field})";

    /// <summary>The ELF walk's bounds (MG_ELF_MAX_*), mirrored in <see cref="KernelInternals"/>, are defined in
    /// mg_elf.h, which only the BPF build can include (vmlinux.h): its #define lines join the C program.</summary>
    private static IEnumerable<string> ElfBounds() =>
        Regex.Matches(File.ReadAllText(Path.Combine(Path.GetDirectoryName(Header)!, "mg_elf.h")),
            @"^[ \t]*#define[ \t]+MG_ELF_MAX_\w+[ \t].*$", RegexOptions.Multiline).Select(m => m.Value);

    private static readonly Lazy<IReadOnlyDictionary<string, long>> CFigures = new(() => NativeProbe.CFigures([Header],
        Layout.Select(l => Expression(l.Struct, l.Field)).Concat(Constants.Select(c => c.Name)), ElfBounds()));

    public static TheoryData<string, string, long> Fields()
    {
        var data = new TheoryData<string, string, long>();
        foreach (var (s, f, cs) in Layout) data.Add(s, f, cs);
        return data;
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Mirror_has_the_size_and_offset_of_the_C_header(string structName, string field, long csharp) =>
        Assert.Equal(CFigures.Value[Expression(structName, field)], csharp);

    public static TheoryData<string, long> ConstantValues() => NativeProbe.Cases(Constants);

    [Theory]
    [MemberData(nameof(ConstantValues))]
    public void Constant_has_the_value_of_the_C_header(string name, long csharp) =>
        Assert.Equal(CFigures.Value[name], csharp);

    /// <summary>A number added to the header without a mirror would be restated as a literal somewhere: every
    /// <c>#define MG_*</c> of modgate.h must be in <see cref="Constants"/>.</summary>
    [Fact]
    public void Every_number_of_the_C_header_has_a_mirror() =>
        Assert.Empty(NativeProbe.DefinedNumbers(Header).Except(Constants.Select(c => c.Name)).Order());
}
