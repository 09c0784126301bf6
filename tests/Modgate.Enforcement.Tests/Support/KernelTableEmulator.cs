using Modgate.Bpf.Maps;
using Modgate.Enforcement.Tables;
using Modgate.Policy;

namespace Modgate.Enforcement.Tests;

/// <summary>
/// decide() of bpf/mg_decide.h, line for line, over <see cref="PolicyTables"/>: lets the unit tests prove that
/// the tables make the kernel's algorithm (exact hash, longest prefix, candidate walk) agree with the reference
/// evaluator. The guest tests then check the BPF code itself against the reference.
/// </summary>
internal sealed class KernelTableEmulator
{
    private readonly PolicyTables _tables;
    private readonly Dictionary<(IndexTable, string), IReadOnlyList<int>> _literal;
    private readonly Dictionary<(IndexTable, string), IReadOnlyList<int>> _prefix;
    private readonly HashSet<(bool, int, ulong)> _cgroups;

    public KernelTableEmulator(PolicyTables tables)
    {
        _tables = tables;
        _literal = tables.Literal.ToDictionary(e => (e.Table, e.Key), e => e.Candidates);
        _prefix = tables.Prefix.ToDictionary(e => (e.Table, e.Key), e => e.Candidates);
        _cgroups = tables.Cgroups.Select(c => (c.IsGrant, c.Index, c.CgroupId)).ToHashSet();
    }

    /// <param name="Unknown">mg_caller.unknown: the requester is not known (its Caps are then 0, as act_as_requester sets them).</param>
    public sealed record Caller(uint Uid, CapabilitySet Caps, ulong CgroupId, Origin Origin, Mode ProcessMode, bool Unknown = false);

    public (Verdict Verdict, bool WouldDeny, DecisionLayer Layer, int RuleIndex) Decide(Verb verb, string name, Caller caller)
    {
        var str = name.Replace('-', '_');
        if (!ModeAllows(caller.ProcessMode, verb, str, caller)) return (Verdict.Deny, false, DecisionLayer.ProcessMode, -1);
        var config = _tables.Config;
        if (!ModeAllows(PolicyKernelCodes.ModeOf(config.Mode[(int)PolicyKernelCodes.ToKernel(verb)]), verb, str, caller)) return Soften(Verdict.Deny, DecisionLayer.GlobalMode, -1);
        var table = verb switch { Verb.Autoload => IndexTable.Autoload, Verb.Load => IndexTable.Load, _ => IndexTable.Unload };
        foreach (var index in Candidates(table, str))
        {
            var rule = _tables.Rules.Single(r => r.Index == index).Value;
            if (!KeysMatch(rule, false, index, caller)) continue;
            if (rule.Action == (byte)KernelAction.Audit) continue;
            return Soften(rule.Action == (byte)KernelAction.Allow ? Verdict.Allow : Verdict.Deny, DecisionLayer.Rule, (int)rule.RuleIndex);
        }
        return Soften(config.DefaultVerdict == (byte)KernelVerdict.Deny ? Verdict.Deny : Verdict.Allow, DecisionLayer.Default, -1);
    }

    private (Verdict, bool, DecisionLayer, int) Soften(Verdict verdict, DecisionLayer layer, int rule) =>
        _tables.Config.Enforcement == (byte)KernelEnforcement.Complain && verdict == Verdict.Deny ? (Verdict.Allow, true, layer, rule) : (verdict, false, layer, rule);

    private bool ModeAllows(Mode mode, Verb verb, string str, Caller caller) => mode switch
    {
        Mode.Classic => true,
        Mode.Privileged => caller.Caps.Has(CapabilitySet.SysModule) ||
                           (verb == Verb.Autoload && Candidates(IndexTable.Grant, str).Any(i => KeysMatch(_tables.Grants[i].Value, true, i, caller))),
        _ => false,
    };

    private IReadOnlyList<int> Candidates(IndexTable table, string str)
    {
        if (_literal.TryGetValue((table, str), out var exact)) return exact;
        for (var n = str.Length; n >= 0; n--)
            if (_prefix.TryGetValue((table, str[..n]), out var list)) return list;
        return [];
    }

    private bool KeysMatch(MgRule r, bool isGrant, int index, Caller c)
    {
        if (r.Origin != (byte)KernelOrigin.Any && r.Origin != (byte)PolicyKernelCodes.ToKernel(c.Origin)) return false;
        if (c.Unknown && ((r.Flags & (MapConstants.RuleHasUid | MapConstants.RuleHasCgroup)) != 0 || r.Capability != MapConstants.NoCapability))
            return r.Action == (byte)KernelAction.Deny;
        if ((r.Flags & MapConstants.RuleHasUid) != 0 && (c.Uid < r.UidFirst || c.Uid > r.UidLast)) return false;
        if (r.Capability != MapConstants.NoCapability && !c.Caps.Has(r.Capability)) return false;
        if ((r.Flags & MapConstants.RuleHasCgroup) != 0 && !_cgroups.Contains((isGrant, index, c.CgroupId))) return false;
        return true;
    }
}
