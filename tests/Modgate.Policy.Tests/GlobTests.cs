namespace Modgate.Policy.Tests;

public class GlobTests
{
    [Theory]
    [InlineData("net-pf-*", "net-pf-5", true)]
    [InlineData("net-pf-*", "net-pf", false)]
    [InlineData("*", "", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[!a-c]x", "bx", false)]
    [InlineData("[^a-c]x", "dx", true)]
    [InlineData("pci:v00008086d*sv*", "pci:v00008086d00001234sv0000", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("\\*", "*", true)]
    [InlineData("\\*", "x", false)]
    [InlineData("[abc", "[abc", true)]      // an unclosed bracket is a literal '[' for fnmatch
    [InlineData("[]]", "]", true)]          // ']' first in a bracket is a member
    public void Matches_like_fnmatch(string pattern, string text, bool expected) =>
        Assert.Equal(expected, new Glob(pattern).Matches(text));

    [Theory]
    [InlineData("nf_tables", true, false, "nf_tables")]
    [InlineData("nf_*", false, true, "nf_")]
    [InlineData("nf_*s", false, false, "nf_")]
    public void Classifies_patterns_for_the_index(string pattern, bool literal, bool prefix, string literalPrefix)
    {
        var glob = new Glob(pattern);
        Assert.Equal((literal, prefix, literalPrefix), (glob.IsLiteral, glob.IsPrefixPattern, glob.LiteralPrefix));
    }
}
