using System.Text;
using Modgate.Bpf.Maps;
using Modgate.Kernel;
using Modgate.Policy;

namespace Modgate.Enforcement.Tables;

/// <summary>
/// The pure translation CompiledPolicy → kernel tables (no I/O: the module tree comes as a catalog, cgroup ids
/// from a lookup function). The kernel then decides as the reference evaluator does: modes, first matching rule
/// among the index's candidates, default.
/// </summary>
public static class PolicyTableBuilder
{
    /// <param name="cgroupIds">The ids of the cgroups whose path matches any of the globs (cgroup= keys).</param>
    /// <param name="modprobePath">kernel.modprobe: the helper whose loads carry origin=autoload.</param>
    public static PolicyTables Build(CompiledPolicy policy, IRequestCatalog catalog,
        Func<IReadOnlyList<Glob>, IReadOnlyList<ulong>> cgroupIds, string modprobePath)
    {
        if (policy.Rules.Count > 0 && policy.Rules.Max(r => r.Index) >= MapConstants.MaxRules)
            throw new TableLimitException($"the policy has more than {MapConstants.MaxRules} rules, the kernel tables' limit");
        if (policy.Grants.Count > MapConstants.MaxRules)
            throw new TableLimitException($"the policy has more than {MapConstants.MaxRules} grants, the kernel tables' limit");
        if (Encoding.UTF8.GetByteCount(modprobePath) >= 64)
            throw new TableLimitException($"kernel.modprobe '{modprobePath}' is longer than the 63 bytes modgate compares");

        var rules = policy.Rules.Select(r => new RuleEntry(r.Index, ToMapRule(r.Action, r.Origin, r.Capability, r.Uids, r.Cgroups, r.Index))).ToList();
        var grants = policy.Grants.Select((g, i) => new RuleEntry(i, ToMapRule(RuleAction.Allow, null, g.Capability, g.Uids, g.Cgroups, i))).ToList();

        var cgroups = new List<CgroupEntry>();
        foreach (var r in policy.Rules.Where(r => r.Cgroups is not null))
            cgroups.AddRange(cgroupIds(r.Cgroups!).Distinct().Select(id => new CgroupEntry(false, r.Index, id)));
        for (var i = 0; i < policy.Grants.Count; i++)
            if (policy.Grants[i].Cgroups is { } globs)
                cgroups.AddRange(cgroupIds(globs).Distinct().Select(id => new CgroupEntry(true, i, id)));

        var literal = new List<IndexEntry>();
        var prefix = new List<IndexEntry>();
        var approximations = new List<string>();
        void Add(IndexTable table, IReadOnlyList<NameMatcher> items)
        {
            if (items.Count == 0) return;
            var builder = new CandidateIndexBuilder(table, items, catalog);
            var (l, p) = builder.Build();
            literal.AddRange(l);
            prefix.AddRange(p);
            approximations.AddRange(builder.Approximations);
        }

        Add(IndexTable.Autoload, policy.Rules.Where(r => r.AppliesTo(Verb.Autoload))
            .Select(r => Matcher(r, NormalizeRequests(r.Requests), r.Modules)).ToList());
        Add(IndexTable.Load, policy.Rules.Where(r => r.AppliesTo(Verb.Load)).Select(r => Matcher(r, r.Modules, null)).ToList());
        Add(IndexTable.Unload, policy.Rules.Where(r => r.AppliesTo(Verb.Unload)).Select(r => Matcher(r, r.Modules, null)).ToList());
        Add(IndexTable.Grant, policy.Grants.Select((g, i) => new NameMatcher(i,
            g.Capability is null && g.Uids is null && g.Cgroups is null, DenyLike: false,
            NormalizeRequests(g.Requests), null, g.Source?.FileAndLine ?? "built-in grant")).ToList());

        var config = new MgConfig
        {
            DefaultVerdict = (byte)PolicyKernelCodes.ToKernel(policy.Default),
            Enforcement = (byte)PolicyKernelCodes.ToKernel(policy.Enforcement),
            // delete_module re-reads the name after the check: when a rule looks at unload names, names others can rewrite are
            // refused. A load or unload whose name cannot be known is refused when a rule of its verb looks at names.
            Flags = (policy.Rules.Any(r => r.Unload && r.Modules is not null) ? MapConstants.ConfigUnloadByName : 0) |
                    (policy.Rules.Any(r => !r.Unload && r.Action != RuleAction.Audit && r.Modules is not null) ? MapConstants.ConfigLoadByName : 0),
        };
        config.Mode[(int)KernelVerb.Autoload] = (byte)PolicyKernelCodes.ToKernel(policy.AutoloadMode);
        config.Mode[(int)KernelVerb.Load] = (byte)PolicyKernelCodes.ToKernel(policy.LoadMode);
        config.Mode[(int)KernelVerb.Unload] = (byte)PolicyKernelCodes.ToKernel(policy.UnloadMode);
        Encoding.UTF8.GetBytes(modprobePath, config.ModprobePath);

        return new PolicyTables(config, rules, grants, literal, prefix, cgroups, approximations);
    }

    private static NameMatcher Matcher(CompiledRule r, IReadOnlyList<Glob>? direct, IReadOnlyList<Glob>? resolved) =>
        new(r.Index,
            Unconditional: r.Action != RuleAction.Audit && r.Origin is null && r.Uids is null && r.Capability is null && r.Cgroups is null,
            DenyLike: r.Action == RuleAction.Deny,
            direct, resolved, r.Source.FileAndLine);

    // The kernel compares request strings as modprobe does: '-' and '_' alike (outside brackets).
    private static IReadOnlyList<Glob>? NormalizeRequests(IReadOnlyList<Glob>? globs) =>
        globs?.Select(g => new Glob(KmodNames.NormalizeAlias(g.Pattern) ?? g.Pattern)).ToList();

    private static MgRule ToMapRule(RuleAction action, Origin? origin, int? capability, UidRange? uids, IReadOnlyList<Glob>? cgroups, int index) => new()
    {
        Action = (byte)PolicyKernelCodes.ToKernel(action),
        Origin = (byte)PolicyKernelCodes.ToKernel(origin),
        Capability = capability is { } cap ? (byte)cap : MapConstants.NoCapability,
        Flags = (byte)((uids is null ? 0 : MapConstants.RuleHasUid) | (cgroups is null ? 0 : MapConstants.RuleHasCgroup)),
        UidFirst = uids?.First ?? 0,
        UidLast = uids?.Last ?? 0,
        RuleIndex = (uint)index,
    };
}
