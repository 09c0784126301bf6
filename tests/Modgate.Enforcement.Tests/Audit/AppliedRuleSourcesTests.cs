using Modgate.Tests.Shared;
using Modgate.Enforcement.Audit;
using Modgate.Enforcement.BpfLsm;
using Modgate.Policy;

namespace Modgate.Enforcement.Tests.Audit;

public sealed class AppliedRuleSourcesTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("modgate-rules-");
    private string Record => Path.Combine(_dir.FullName, "applied");
    private string Policy => Path.Combine(_dir.FullName, "policy.conf");

    private void Apply(uint generation, string file, string text)
    {
        var loaded = PolicyLoader.LoadText(file, text);
        Assert.False(loaded.HasErrors);
        AppliedRecord.SavePolicy(loaded.Document!, generation, Policy);
        new AppliedRecord(generation, "sha256:x", [file], DateTimeOffset.UtcNow).Save(Record);
        File.SetLastWriteTimeUtc(Record, DateTime.UtcNow.AddSeconds(generation)); // a new mtime per apply, even within one tick
    }

    [Fact]
    public void Rules_modes_and_default_map_to_the_line_the_administrator_wrote()
    {
        Apply(1, "/etc/modgate/policy.conf", "# comment\nautoload privileged\n\nallow module=dccp\ndeny module=n_hdlc\ndefault deny\n");
        var sources = new AppliedRuleSources(Record, Policy);

        Assert.Equal("/etc/modgate/policy.conf:5", sources.RuleOf(1, Verb.Autoload, DecisionLayer.Rule, 1));
        Assert.Equal("/etc/modgate/policy.conf:2", sources.RuleOf(1, Verb.Autoload, DecisionLayer.GlobalMode, -1));
        Assert.Equal("/etc/modgate/policy.conf:6", sources.RuleOf(1, Verb.Load, DecisionLayer.Default, -1));
        Assert.Null(sources.RuleOf(1, Verb.Load, DecisionLayer.GlobalMode, -1)); // load mode not written: built-in
        Assert.Null(sources.RuleOf(1, Verb.Autoload, DecisionLayer.Rule, 7));
        Assert.Null(sources.RuleOf(2, Verb.Autoload, DecisionLayer.Rule, 0)); // a generation never seen
    }

    [Fact]
    public void A_generation_never_seen_in_force_is_read_from_its_kept_copy()
    {
        Apply(1, "/etc/modgate/a.conf", "deny module=dccp\n");
        Apply(2, "/etc/modgate/b.conf", "allow module=x\ndeny module=dccp\n");
        var sources = new AppliedRuleSources(Record, Policy); // an agent started after generation 2 was applied

        Assert.Equal("/etc/modgate/a.conf:1", sources.RuleOf(1, Verb.Autoload, DecisionLayer.Rule, 0));
        Assert.Equal("/etc/modgate/b.conf:2", sources.RuleOf(2, Verb.Autoload, DecisionLayer.Rule, 1));
        for (uint g = 3; g <= 10; g++) Apply(g, "/etc/modgate/c.conf", "deny module=dccp\n");
        Assert.Null(new AppliedRuleSources(Record, Policy).RuleOf(2, Verb.Autoload, DecisionLayer.Rule, 1)); // only the last 8 are kept
    }

    [Fact]
    public void A_generation_seen_once_still_answers_after_a_reload()
    {
        var sources = new AppliedRuleSources(Record, Policy);
        Apply(1, "/etc/modgate/a.conf", "deny module=dccp\n");
        sources.Observe();
        Apply(2, "/etc/modgate/b.conf", "allow module=x\nallow module=y\ndeny module=dccp\n");

        Assert.Equal("/etc/modgate/b.conf:3", sources.RuleOf(2, Verb.Autoload, DecisionLayer.Rule, 2));
        Assert.Equal("/etc/modgate/a.conf:1", sources.RuleOf(1, Verb.Autoload, DecisionLayer.Rule, 0));
    }

    public void Dispose() => _dir.Delete(recursive: true);
}

public sealed class AppliedCopyOfEveryExampleTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "examples"), "*.conf").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    /// <summary>The copy apply keeps must parse back, or the agent cannot name the rule of an event.</summary>
    [Theory]
    [MemberData(nameof(Examples))]
    public void The_applied_copy_parses_back_and_names_the_original_lines(string example)
    {
        var source = Path.Combine(RepositoryRoot.Path, "examples", example);
        var loaded = PolicyLoader.Load([source]);
        Assert.False(loaded.HasErrors);
        var dir = Directory.CreateTempSubdirectory("modgate-copy-");
        try
        {
            var copy = Path.Combine(dir.FullName, "policy.conf");
            AppliedRecord.SavePolicy(loaded.Document!, 1, copy);
            var again = PolicyLoader.LoadText(copy, File.ReadAllText(copy));
            Assert.Equal([], again.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()));
            var record = Path.Combine(dir.FullName, "applied");
            new AppliedRecord(1, "sha256:x", [source], DateTimeOffset.UtcNow).Save(record);
            var sources = new AppliedRuleSources(record, copy);
            var policy = PolicyCompiler.Compile(loaded.Document!);
            for (var i = 0; i < policy.Rules.Count; i++)
                Assert.Equal(policy.Rules[i].Source.FileAndLine, sources.RuleOf(1, Verb.Load, DecisionLayer.Rule, i));
            if (policy.ModeSources.TryGetValue(Verb.Autoload, out var mode))
                Assert.Equal(mode.FileAndLine, sources.RuleOf(1, Verb.Autoload, DecisionLayer.GlobalMode, -1));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
