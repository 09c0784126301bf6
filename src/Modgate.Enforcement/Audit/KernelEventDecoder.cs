using System.Runtime.InteropServices;
using System.Text;
using Modgate.Bpf.Maps;
using Modgate.Policy;

namespace Modgate.Enforcement.Audit;

/// <summary>What the kernel cannot know about an event and user space fills in.</summary>
public interface IEventContext
{
    /// <summary>The wall-clock time of a CLOCK_BOOTTIME reading.</summary>
    DateTimeOffset TimeOf(ulong bootNs);

    /// <summary>The directive that decided, as file:line, or null (built-in, process mode, unknown generation).</summary>
    string? RuleOf(uint generation, Verb verb, DecisionLayer layer, int ruleIndex);

    /// <summary>The module an autoload request resolves to on this kernel, or null when none.</summary>
    string? ModuleOf(string request);

    /// <summary>The cgroup v2 path of an id, or null when it is gone.</summary>
    string? CgroupOf(ulong cgroupId);

    /// <summary>The full path of the process's executable when it still runs and its basename agrees, else the basename.</summary>
    string? ExeOf(int tgid, string basename);
}

/// <summary>Turns one mg_event of the kernel's ring buffer into an <see cref="AuditEvent"/>: a pure function of the bytes and the context.</summary>
public static class KernelEventDecoder
{
    public static int Size => Marshal.SizeOf<MgEvent>();

    /// <returns>The event, or null when the record is not an mg_event of this build (wrong size, unknown verb, layer or decision).</returns>
    public static AuditEvent? Decode(ReadOnlySpan<byte> record, IEventContext context)
    {
        if (record.Length < Size) return null;
        var e = MemoryMarshal.Read<MgEvent>(record);
        if (!PolicyKernelCodes.TryVerb(e.Verb, out var verb) || !PolicyKernelCodes.TryLayer(e.Layer, out var layer)) return null;
        AuditDecision decision;
        switch ((KernelEventDecision)e.Decision)
        {
            case KernelEventDecision.Allow: decision = AuditDecision.Allow; break;
            case KernelEventDecision.Deny: decision = AuditDecision.Deny; break;
            case KernelEventDecision.WouldDeny: decision = AuditDecision.WouldDeny; break;
            default: return null;
        }
        var request = verb == Verb.Autoload ? Text(e.Request) : null;
        var module = verb == Verb.Autoload ? context.ModuleOf(request!) : NullIfEmpty(Text(e.Module));
        Origin? origin = verb == Verb.Unload ? null : PolicyKernelCodes.OriginOf(e.Origin);
        // An allowed event exists only because it passed an `audit` rule: that rule is the one to name.
        var ruleIndex = decision == AuditDecision.Allow && e.AuditRule > 0 ? (int)e.AuditRule - 1 : (int)e.Rule - 1;
        var ruleLayer = decision == AuditDecision.Allow && e.AuditRule > 0 ? DecisionLayer.Rule : layer;
        var exe = Text(e.Exe);
        return new AuditEvent(
            context.TimeOf(e.BootNs),
            verb,
            request,
            module,
            origin,
            decision,
            layer,
            context.RuleOf(e.Generation, verb, ruleLayer, ruleIndex),
            (int)e.Pid,
            (int)e.Tgid,
            Text(e.Comm),
            exe.Length == 0 ? null : context.ExeOf((int)e.Tgid, exe),
            e.Uid,
            context.CgroupOf(e.CgroupId),
            new CapabilitySet(e.Caps),
            AuditWords.Reason(e.Reason));
    }

    private static string Text(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
