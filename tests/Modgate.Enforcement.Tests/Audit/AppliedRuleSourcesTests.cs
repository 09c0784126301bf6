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
        AppliedRecord.SavePolicy(loaded.Document!, Policy);
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
