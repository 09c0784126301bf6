using Modgate.Policy;

namespace Modgate.Kernel;

/// <summary>The bundled facts the analysis reads besides the module tree.</summary>
public sealed record ExposureFacts(RequestFamilies Families, CveDatabase Cves, IReadOnlyList<DisabledAlias> DisabledAliases,
    IReadOnlyList<string> NotableRequests)
{
    public static ExposureFacts Bundled()
    {
        var notable = TsvTable.Embedded("notable-autoload-cves.tsv");
        return new ExposureFacts(RequestFamilies.Bundled(), CveDatabase.Bundled(), DisabledAlias.Bundled(),
            notable.Rows.Select(r => notable.Get(r, "request")).Distinct().ToList());
    }
}

/// <summary>
/// The autoload attack surface of a kernel: every request string of a reviewed family that this tree can
/// answer (or that reaches modprobe for a module the distribution disabled), what modprobe then inserts,
/// the CVEs of what it inserts, and what a policy decides for an unprivileged caller.
/// </summary>
public static class ExposureAnalyzer
{
    /// <summary>The caller the policy is asked about: an ordinary user with no capability in the initial namespace.</summary>
    public const uint UnprivilegedUid = 1000;

    /// <param name="sysctls">The running kernel's sysctls, when the tree is the running kernel's: rows they close are not open.</param>
    public static IReadOnlyList<ExposureRow> Analyze(AliasResolver resolver, ExposureFacts facts, CompiledPolicy? policy, SurfaceSysctls? sysctls = null)
    {
        var tree = resolver.Tree;
        // The families this kernel makes (sch_* up to 6.11, net-sch-* from 6.12…).
        facts = facts with { Families = facts.Families.ForKernel(tree.Version) };
        var disabled = facts.DisabledAliases.ToDictionary(d => KmodNames.NormalizeAlias(d.Request) ?? d.Request, StringComparer.Ordinal);
        var rows = new List<ExposureRow>();
        // Many requests load the same modules (every crypto-* alias of one driver): count their CVEs once.
        var cvesOf = new Dictionary<string, IReadOnlyList<KernelCve>>(StringComparer.Ordinal);
        foreach (var (request, family) in Candidates(tree, facts))
        {
            if (SockDiagPrerequisite.NeverRequested(request)) continue;
            var resolution = resolver.ResolveDetailed(request);
            disabled.TryGetValue(KmodNames.NormalizeAlias(request) ?? request, out var disabledAlias);
            var (outcome, loads, block) = WhatModprobeDoes(resolver, resolution);
            // A request nothing answers is only worth a row when it used to load something.
            if (outcome == ExposureOutcome.NoModule && disabledAlias is null) continue;
            var privilegeFamily = family;
            var prerequisite = SockDiagPrerequisite.Of(request, tree);
            if (prerequisite is not null && outcome == ExposureOutcome.Loads)
            {
                // The kernel asks for this module only once the prerequisite's module is in: reachable when the
                // prerequisite is, with at least its privilege, and what the prerequisite loaded is not counted again.
                var (before, beforeLoads, _) = WhatModprobeDoes(resolver, resolver.ResolveDetailed(prerequisite));
                var beforeFamily = facts.Families.Match(prerequisite);
                if (before is ExposureOutcome.Loads or ExposureOutcome.BuiltinOnly && beforeFamily is not null)
                {
                    if (beforeFamily.Privilege > family.Privilege) privilegeFamily = beforeFamily;
                    loads = [.. loads.Except(beforeLoads)];
                }
                else outcome = ExposureOutcome.NeedsPrerequisite;
            }
            var decision = policy?.Decide(Request.Autoload(request, resolution.Modules, UnprivilegedUid));
            IReadOnlyList<string> counted = loads.Count > 0 ? loads : disabledAlias is null ? [] : [disabledAlias.Module];
            var key = string.Join(' ', counted);
            if (!cvesOf.TryGetValue(key, out var cves)) cvesOf[key] = cves = facts.Cves.ForModules(counted);
            var row = new ExposureRow(request, family, family.TriggerFor(request), resolution, outcome, loads, block, disabledAlias, cves, decision,
                prerequisite, privilegeFamily);
            rows.Add(sysctls is null ? row : row with { ClosedBy = sysctls.Closing(row) });
        }
        return [.. rows.OrderBy(r => r, RiskOrder.Instance)];
    }

    /// <summary>
    /// Request strings to consider, each with its family, without duplicates (dash and underscore alike):
    /// the non-hardware aliases of the tree and of modprobe.d, disabled and notable requests, every
    /// address family and line discipline, and module names that a family requests by name (algif-hash, sch_htb…).
    /// </summary>
    private static IEnumerable<(string Request, RequestFamily Family)> Candidates(ModuleTree tree, ExposureFacts facts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var aliases = tree.Config.Aliases.Select(a => a.Pattern)
            .Concat(tree.Aliases.Select(a => a.Pattern))
            .Concat(tree.BuiltinAliases.Select(a => a.Pattern))
            .Where(p => !KmodNames.IsHardwareAlias(p));
        var generated = Enumerable.Range(0, 46).Select(n => $"net-pf-{n}")
            .Concat(Enumerable.Range(0, 31).Select(n => $"tty-ldisc-{n}"));
        var all = aliases.Concat(facts.DisabledAliases.Select(d => d.Request)).Concat(facts.NotableRequests).Concat(generated)
            .Select(r => (IReadOnlyList<string>)[r])
            .Concat(tree.Modules.Select(m => (IReadOnlyList<string>)[m.Name, m.Name.Replace('_', '-')]));
        foreach (var forms in all)
        {
            var key = KmodNames.NormalizeAlias(forms[0]);
            if (key is null || !seen.Add(key)) continue;
            foreach (var form in forms)
            {
                if (facts.Families.Match(form) is { } family)
                {
                    yield return (form, family);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// What modprobe does with the modules a request resolved to (kmod's probe: a blacklist applies to
    /// modules reached through an alias; an install command replaces the insertion; dependencies and
    /// soft dependencies are inserted too).
    /// </summary>
    private static (ExposureOutcome, IReadOnlyList<string>, string?) WhatModprobeDoes(AliasResolver resolver, AliasResolution resolution)
    {
        var tree = resolver.Tree;
        if (!resolution.Found) return (ExposureOutcome.NoModule, [], null);
        var throughAlias = resolution.Source is ResolutionSource.ModprobeAlias or ResolutionSource.ModulesAlias
            or ResolutionSource.BuiltinAlias or ResolutionSource.Symbol;
        var loads = new List<string>();
        string? block = null;
        var anyBuiltin = false;
        foreach (var module in resolution.Modules)
        {
            if (throughAlias && tree.Config.BlacklistOf(module) is { } blacklist)
            {
                block ??= $"blacklist {module} at {blacklist.Source}";
                continue;
            }
            if (tree.Config.InstallCommandOf(module) is { LoadsNothing: true } install)
            {
                block ??= $"install {module} {install.Command.Trim()} at {install.Source}";
                continue;
            }
            if (tree.IsBuiltin(module)) anyBuiltin = true;
            foreach (var m in WithSoftDependencies(resolver, module))
                if (!loads.Contains(m)) loads.Add(m);
        }
        if (loads.Count > 0) return (ExposureOutcome.Loads, loads, null);
        if (block is not null) return (ExposureOutcome.BlockedByModprobeConfig, [], block);
        return (anyBuiltin ? ExposureOutcome.BuiltinOnly : ExposureOutcome.NoModule, [], null);
    }

    private static IEnumerable<string> WithSoftDependencies(AliasResolver resolver, string module)
    {
        var tree = resolver.Tree;
        var softdeps = tree.Config.SoftdepsOf(module);
        foreach (var pre in softdeps.SelectMany(s => s.Pre))
            foreach (var m in resolver.Resolve(pre).SelectMany(tree.LoadClosure)) yield return m;
        foreach (var m in tree.LoadClosure(module)) yield return m;
        foreach (var post in softdeps.SelectMany(s => s.Post))
            foreach (var m in resolver.Resolve(post).SelectMany(tree.LoadClosure)) yield return m;
    }

    /// <summary>Riskiest first: reachable with less privilege, open, loading something, with more CVEs, newer CVEs.</summary>
    private sealed class RiskOrder : IComparer<ExposureRow>
    {
        public static readonly RiskOrder Instance = new();

        public int Compare(ExposureRow? x, ExposureRow? y)
        {
            var c = x!.PrivilegeFamily.Privilege.CompareTo(y!.PrivilegeFamily.Privilege);
            if (c != 0) return c;
            if ((c = y.Open.CompareTo(x.Open)) != 0) return c;
            if ((c = x.Outcome.CompareTo(y.Outcome)) != 0) return c;
            if ((c = y.Cves.Count.CompareTo(x.Cves.Count)) != 0) return c;
            return string.CompareOrdinal(x.Request, y.Request);
        }
    }
}
