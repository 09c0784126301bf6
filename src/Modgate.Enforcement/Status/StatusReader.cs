using Modgate.Bpf;
using Modgate.Bpf.Maps;
using Modgate.Enforcement.BpfLsm;
using Modgate.Enforcement.Tables;
using Modgate.Policy;

namespace Modgate.Enforcement.Status;

/// <summary>Reads what is enforced from the kernel (LSM list, pins, maps) without changing anything.</summary>
public static class StatusReader
{
    public const string LsmFile = "/sys/kernel/security/lsm";

    /// <param name="release">The kernel release to judge features by (default: the running kernel's).</param>
    public static EnforcementStatus Read(string lsmFile = LsmFile, string? release = null)
    {
        var reasons = new List<string>();
        release ??= KernelVersion.Release();
        var version = KernelVersion.Parse(release);
        var lsms = File.Exists(lsmFile) ? File.ReadAllText(lsmFile).Trim().Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        var bpfLsm = lsms.Contains("bpf");
        var record = LoadedObjectRecord.Read();
        var fmodRet = record?.Hooks == HookAttachment.FmodRet && BpfLsmBackend.IsApplied;
        var notes = new List<string>();
        var lsmFix = $"add lsm={string.Join(',', lsms.Append("bpf"))} to the kernel command line";
        if (!File.Exists(lsmFile) && !fmodRet)
            reasons.Add($"{lsmFile} not readable (securityfs not mounted?): cannot tell whether BPF LSM is active");
        else if (fmodRet && !bpfLsm)
            notes.Add($"bpf not in active LSM list ({string.Join(',', lsms)}): the programs are attached as fmod_ret to the kernel's " +
                      $"security_* functions; for BPF LSM {lsmFix}");
        else if (!bpfLsm && !fmodRet)
            reasons.Add($"bpf not in active LSM list ({string.Join(',', lsms)}): {lsmFix}");
        if (version is not null && version < new Version(5, 7))
            reasons.Add($"kernel {version} < 5.7: no BPF LSM");
        // The object in force (or the one this kernel would get): what it lacks, each with the kernel that brings it.
        var variant = ObjectLosses.InUse(version, record);
        reasons.AddRange(ObjectLosses.Of(variant, version));

        var expected = BpfPins.Programs.Where(p => ObjectLosses.Has(variant, p.Program)).ToList();
        var programs = expected.Select(p => new ProgramState(p.Program, p.Hook, File.Exists(BpfPins.LinkPath(p.Program)))).ToList();
        var applied = BpfLsmBackend.IsApplied;
        if (!applied)
            reasons.Add("no policy applied: run modgate apply");
        else
            foreach (var (program, hook, guards) in expected)
                if (!File.Exists(BpfPins.LinkPath(program)))
                    reasons.Add($"program {program} not attached to {hook}: {guards} unavailable (run modgate disable, then modgate apply)");

        PolicyTablesSummary? policy = null;
        IReadOnlyDictionary<string, VerbCounters>? counters = null;
        ulong? dropped = null;
        string? countersUnavailable = null;
        if (applied)
        {
            try
            {
                (policy, counters, dropped) = ReadMaps();
            }
            catch (SyscallException e)
            {
                countersUnavailable = $"policy and counters unreadable: {e.Message} (run as root)";
            }
        }

        // Without a BPF backend (no bpf LSM and no fmod_ret programs, or a kernel too old) only the fallback mechanisms
        // can act: never more than partial.
        var level = (!bpfLsm && !fmodRet) || (version is not null && version < new Version(5, 7)) ? EnforcementLevel.Partial
            : !applied ? EnforcementLevel.None
            : reasons.Count > 0 ? EnforcementLevel.Partial : EnforcementLevel.Full;
        return new EnforcementStatus(level, reasons, release, lsms, programs, policy, counters, dropped, countersUnavailable)
        {
            BpfBackend = HookAttachments.BackendName(fmodRet ? HookAttachment.FmodRet : HookAttachment.Lsm),
            Notes = notes,
        };
    }

    // Read-only descriptors: all status needs, and all a locked policy still hands out (docs/security.md).
    private static (PolicyTablesSummary, IReadOnlyDictionary<string, VerbCounters>, ulong) ReadMaps()
    {
        using var state = BpfMap.OpenPinnedReadOnly(BpfPins.MapPath(ModgateObject.Maps.State));
        using var config = BpfMap.OpenPinnedReadOnly(BpfPins.MapPath(ModgateObject.Maps.Config));
        using var counterMap = BpfMap.OpenPinnedReadOnly(BpfPins.MapPath(ModgateObject.Maps.Counters));
        state.TryLookup(0u, out MgState s);
        config.TryLookup(s.ActiveSlot & 1, out MgConfig c);
        var record = AppliedRecord.Read();
        string ModeName(Verb verb) => PolicyWords.Of(PolicyKernelCodes.ModeOf(c.Mode[(int)PolicyKernelCodes.ToKernel(verb)]));
        var summary = new PolicyTablesSummary(s.Generation, record?.Digest ?? "unknown", record?.Files ?? [], record?.AppliedAt ?? DateTimeOffset.MinValue,
            ModeName(Verb.Autoload), ModeName(Verb.Load), ModeName(Verb.Unload),
            PolicyWords.Of(PolicyKernelCodes.EnforcementOf(c.Enforcement)));

        ulong Sum(uint index) => counterMap.LookupPerCpu<uint, ulong>(index).Aggregate(0UL, (a, b) => a + b);
        ulong Count(Verb verb, KernelOutcome outcome) => Sum(PolicyKernelCodes.CounterIndex(verb, outcome));
        var result = new Dictionary<string, VerbCounters>();
        foreach (var verb in PolicyWords.Verbs)
            result[PolicyWords.Of(verb)] = new VerbCounters(Count(verb, KernelOutcome.Allowed), Count(verb, KernelOutcome.Denied),
                Count(verb, KernelOutcome.WouldDeny), Count(verb, KernelOutcome.Audited));
        return (summary, result, Sum(MapConstants.CounterEventsDropped));
    }
}
