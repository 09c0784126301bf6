using Modgate.Enforcement.BpfLsm;
using Modgate.Policy;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// Maps the kernel's (generation, rule index) of an event to the file:line the administrator wrote. The kernel keeps
/// only tables; `apply` keeps the text of each generation it puts in force in /run/modgate/policy.conf, each directive
/// followed by its origin (<c># file:line</c>), and a copy of each of the last generations in /run/modgate/generations/,
/// so an event decided by an earlier policy still names its rule after a reload, even for an agent that started later.
/// </summary>
public sealed class AppliedRuleSources
{
    private const int Remembered = 8;
    private readonly string _recordPath;
    private readonly string _policyPath;
    private readonly Dictionary<uint, (CompiledPolicy Policy, string[] Lines)> _generations = [];
    private DateTime _recordWritten;

    public AppliedRuleSources(string recordPath = BpfPins.AppliedRecord, string policyPath = BpfPins.AppliedPolicy)
    {
        _recordPath = recordPath;
        _policyPath = policyPath;
    }

    /// <summary>Reads the generation in force if it changed since the last look (cheap: one stat).</summary>
    public void Observe()
    {
        var written = File.Exists(_recordPath) ? File.GetLastWriteTimeUtc(_recordPath) : DateTime.MinValue;
        if (written == _recordWritten) return;
        _recordWritten = written;
        if (AppliedRecord.Read(_recordPath) is not { Generation: > 0 } record || _generations.ContainsKey(record.Generation)) return;
        if (!File.Exists(_policyPath)) return;
        Remember(record.Generation, File.ReadAllText(_policyPath));
    }

    private void Remember(uint generation, string text)
    {
        if (AppliedRecord.CompileCopy(_policyPath, text) is not { } policy) return;
        if (_generations.Count >= Remembered) _generations.Remove(_generations.Keys.Min());
        _generations[generation] = (policy, text.Split('\n'));
    }

    public string? RuleOf(uint generation, Verb verb, DecisionLayer layer, int ruleIndex)
    {
        if (!_generations.ContainsKey(generation)) Observe();
        if (!_generations.ContainsKey(generation) && AppliedRecord.PolicyOfGeneration(generation, _policyPath) is { } kept)
            Remember(generation, kept);
        if (!_generations.TryGetValue(generation, out var applied)) return null;
        SourcePosition? position = layer switch
        {
            DecisionLayer.Rule when ruleIndex >= 0 && ruleIndex < applied.Policy.Rules.Count => applied.Policy.Rules[ruleIndex].Source,
            DecisionLayer.GlobalMode => applied.Policy.ModeSources.TryGetValue(verb, out var mode) ? mode : null,
            DecisionLayer.Default => applied.Policy.DefaultSource,
            _ => null,
        };
        return position is { } at ? OriginOf(applied.Lines, at) : null;
    }

    /// <summary>Where a directive of the applied copy was written: the <c># file:line</c> that follows it there.</summary>
    public static string OriginOf(string[] appliedLines, SourcePosition position)
    {
        const string marker = "    # ";
        var line = position.Line - 1 < appliedLines.Length ? appliedLines[position.Line - 1].TrimEnd('\r') : "";
        var at = line.LastIndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? position.FileAndLine : line[(at + marker.Length)..];
    }
}
