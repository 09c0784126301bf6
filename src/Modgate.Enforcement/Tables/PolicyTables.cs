using Modgate.Bpf.Maps;

namespace Modgate.Enforcement.Tables;

/// <summary>One entry of the literal (hash) or prefix (LPM) index: the rules or grants a string can match, in order.</summary>
public sealed record IndexEntry(IndexTable Table, string Key, bool IsPrefix, IReadOnlyList<int> Candidates);

/// <summary>A rule or grant as the kernel stores it, at its index in the slot.</summary>
public sealed record RuleEntry(int Index, MgRule Value);

/// <summary>cgroup= of a rule or grant: one cgroup id it matches.</summary>
public sealed record CgroupEntry(bool IsGrant, int Index, ulong CgroupId);

/// <summary>
/// Everything `modgate apply` writes for one generation, as plain data (the spec, in cilium/ebpf's sense): the
/// configuration, the rules and grants, the two indexes and the cgroup keys. Built by <see cref="PolicyTableBuilder"/>.
/// </summary>
public sealed record PolicyTables(
    MgConfig Config,
    IReadOnlyList<RuleEntry> Rules,
    IReadOnlyList<RuleEntry> Grants,
    IReadOnlyList<IndexEntry> Literal,
    IReadOnlyList<IndexEntry> Prefix,
    IReadOnlyList<CgroupEntry> Cgroups,
    IReadOnlyList<string> Approximations);

/// <summary>A policy the kernel tables cannot express; the message says which rule and why.</summary>
public sealed class TableLimitException(string message) : Exception(message);
