namespace Modgate.Policy.Tests;

public class ValidatorTests
{
    [Theory]
    [InlineData("deny module=*\nallow module=ext4", "p.conf:2:1: warning: rule can never match: the rule at p.conf:1:1 already decides every request it matches")]
    [InlineData("allow module=nf_*\ndeny module=nf_tables uid=1000", "p.conf:2:1: warning: rule can never match: the rule at p.conf:1:1 already decides every request it matches")]
    [InlineData("deny uid=0-1000\naudit uid=5-6 module=x", "p.conf:2:1: warning: rule can never match: the rule at p.conf:1:1 already decides every request it matches")]
    [InlineData("deny module=nf*\ndeny module=nf_t*", "p.conf:2:1: warning: rule can never match: the rule at p.conf:1:1 already decides every request it matches")]
    [InlineData("deny module=n-hdlc\ndeny module=n_hdlc", "p.conf:2:1: warning: rule can never match: the rule at p.conf:1:1 already decides every request it matches")]
    [InlineData("deny module=x uid=0-60000\ndeny module=x uid=1000", "p.conf:2:1: warning: rule can never match: the rule at p.conf:1:1 already decides every request it matches")]
    [InlineData("deny module=x uid=0-60000\nallow module=x uid=1000", "p.conf:2:1: warning: rule can never match: the rule at p.conf:1:1 already decides every request it matches")]
    public void Shadowed_rule_is_a_warning(string text, string expected)
    {
        var result = PolicyText.Load(text);
        Assert.Equal([expected], result.Diagnostics.Select(d => d.ToString()));
        Assert.False(result.HasErrors);
    }

    [Theory]
    [InlineData("audit module=*\nallow module=ext4")]                // audit rules pass through: they shadow nothing
    [InlineData("deny module=ext4 uid=1000\nallow module=ext4")]      // narrower first
    [InlineData("deny module=nf_*\ndeny unload module=nf_tables")]   // different verbs
    [InlineData("deny request=net-pf-*\ndeny module=appletalk")]     // request= covers only autoload, module= also load
    [InlineData("deny cap=CAP_NET_ADMIN\ndeny module=x")]
    [InlineData("deny module=a?\ndeny module=ab*")]                  // not provable: no warning
    [InlineData("allow module=x uid=0-60000\ndeny module=x uid=1000")] // an unknown requester passes the allow, meets the deny
    [InlineData("allow module=x cap=CAP_NET_ADMIN\ndeny module=x cap=CAP_NET_ADMIN cgroup=/a")]
    public void Rules_that_can_still_match_are_not_flagged(string text) => Assert.Empty(PolicyText.Diagnostics(text));

    [Fact]
    public void Lock_with_complain_is_a_warning()
    {
        Assert.Equal(
            ["p.conf:3:1: warning: 'lock' with 'enforcement complain' (at p.conf:1:1) locks a policy that denies nothing until reboot"],
            PolicyText.Diagnostics("enforcement complain\nautoload off\nlock\n"));
    }

    [Fact]
    public void Grant_without_privileged_autoload_is_a_warning() =>
        Assert.Equal(
            ["p.conf:1:1: warning: 'grant' has no effect unless the policy says 'autoload privileged'"],
            PolicyText.Diagnostics("grant netdev-* cap=CAP_NET_ADMIN\nautoload off"));

    [Fact]
    public void Unknown_module_names_are_warnings_with_did_you_mean()
    {
        var known = new HashSet<string> { "n_hdlc", "appletalk", "nf_tables" };
        var result = PolicyLoader.LoadText("p.conf", "deny module=n-hdlx,appletalk,zz_*", known);
        Assert.Equal(
            [
                "p.conf:1:13: warning: module 'n-hdlx' is not in the kernel tree (did you mean 'n_hdlc'?)",
                "p.conf:1:30: warning: pattern 'zz_*' matches no module of the kernel tree",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }
}
