namespace Modgate.Policy.Tests;

/// <summary>Every error the issue names, with its exact message, line and column.</summary>
public class ParserErrorTests
{
    [Theory]
    [InlineData("frobnicate x", "p.conf:1:1: error: unknown directive 'frobnicate' (expected one of: version, autoload, load, unload, grant, allow, deny, audit, default, enforcement, lock)")]
    [InlineData("  alow module=x", "p.conf:1:3: error: unknown directive 'alow' (did you mean 'allow'?) (expected one of: version, autoload, load, unload, grant, allow, deny, audit, default, enforcement, lock)")]
    [InlineData("allow module=x modul=y", "p.conf:1:16: error: unknown key 'modul=' (did you mean 'module'?) (expected module=, request=, origin=, uid=, cap=, cgroup=)")]
    [InlineData("allow cap=CAP_FOO", "p.conf:1:11: error: unknown capability 'CAP_FOO'")]
    [InlineData("allow cap=CAP_NET_ADMN", "p.conf:1:11: error: unknown capability 'CAP_NET_ADMN' (did you mean 'CAP_NET_ADMIN'?)")]
    [InlineData("deny uid=5-2", "p.conf:1:10: error: uid range 5-2 is empty: the first uid must not be greater than the last")]
    [InlineData("deny uid=abc", "p.conf:1:10: error: invalid uid 'abc' (expected a number from 0 to 4294967294)")]
    [InlineData("deny uid=1-x", "p.conf:1:12: error: invalid uid 'x' (expected a number from 0 to 4294967294)")]
    [InlineData("deny uid=", "p.conf:1:10: error: missing uid (write uid=N or uid=N-M)")]
    [InlineData("autoload sometimes", "p.conf:1:10: error: invalid autoload mode 'sometimes' (expected classic, privileged or off)")]
    [InlineData("load privileged", "p.conf:1:6: error: 'load privileged' is not a mode: the kernel already requires CAP_SYS_MODULE for every explicit load; use 'load classic' or 'load off'")]
    [InlineData("unload privileged", "p.conf:1:8: error: 'unload privileged' is not a mode: the kernel already requires CAP_SYS_MODULE for every unload; use 'unload classic' or 'unload off'")]
    [InlineData("unload sometimes", "p.conf:1:8: error: invalid unload mode 'sometimes' (expected classic or off)")]
    [InlineData("autoload", "p.conf:1:9: error: 'autoload' needs a value: classic, privileged or off")]
    [InlineData("autoload off now", "p.conf:1:14: error: unexpected 'now' after 'autoload off'")]
    [InlineData("deny unload request=net-pf-5", "p.conf:1:13: error: 'request=' does not apply to unload rules: only autoload requests have a request string (use module=)")]
    [InlineData("deny unload origin=explicit", "p.conf:1:13: error: 'origin=' does not apply to unload rules: origin tells how a module is loaded")]
    [InlineData("allow module=", "p.conf:1:14: error: empty pattern in module= (write a name or a glob such as 'nf_*')")]
    [InlineData("allow module=a,,b", "p.conf:1:16: error: empty pattern in module= (write a name or a glob such as 'nf_*')")]
    [InlineData("allow request=x,", "p.conf:1:17: error: empty pattern in request= (write a name or a glob such as 'nf_*')")]
    [InlineData("allow origin=kernel", "p.conf:1:14: error: invalid origin 'kernel' (expected autoload or explicit)")]
    [InlineData("allow module=a module=b", "p.conf:1:16: error: duplicate key 'module=' (already given at column 7; use commas for several values)")]
    [InlineData("allow module=a unload", "p.conf:1:16: error: expected KEY=VALUE, found 'unload': 'unload' must come right after the action")]
    [InlineData("grant cap=CAP_NET_ADMIN", "p.conf:1:7: error: 'grant' needs request patterns first, e.g. 'grant netdev-* cap=CAP_NET_ADMIN'")]
    [InlineData("grant netdev-* module=x", "p.conf:1:16: error: key 'module=' is not allowed in grant (expected cap=, uid=, cgroup=)")]
    [InlineData("default maybe", "p.conf:1:9: error: invalid default 'maybe' (expected allow or deny)")]
    [InlineData("enforcement loose", "p.conf:1:13: error: invalid enforcement 'loose' (expected enforce or complain)")]
    [InlineData("lock now", "p.conf:1:6: error: unexpected 'now': 'lock' takes no value")]
    [InlineData("version 2", "p.conf:1:9: error: unsupported policy version '2': this modgate reads version 1")]
    [InlineData("allow\tmodule=x\u0001", "p.conf:1:15: error: control character U+0001 in policy text")]
    public void Error_has_exact_message_line_and_column(string text, string expected)
    {
        var diagnostics = PolicyText.Diagnostics(text);
        Assert.Equal([expected], diagnostics);
        Assert.True(PolicyText.Load(text).HasErrors);
    }

    [Fact]
    public void Second_autoload_line_is_an_error_naming_the_first()
    {
        Assert.Equal(
            ["p.conf:3:1: error: duplicate 'autoload' directive: already given at p.conf:1:1"],
            PolicyText.Diagnostics("autoload privileged\nload off\nautoload off\n"));
    }

    [Theory]
    [InlineData("default allow\ndefault deny", "p.conf:2:1: error: duplicate 'default' directive: already given at p.conf:1:1")]
    [InlineData("enforcement enforce\nenforcement complain", "p.conf:2:1: error: duplicate 'enforcement' directive: already given at p.conf:1:1")]
    [InlineData("unload off\n\n unload off", "p.conf:3:2: error: duplicate 'unload' directive: already given at p.conf:1:1")]
    public void Single_valued_directives_may_appear_once(string text, string expected) =>
        Assert.Equal([expected], PolicyText.Diagnostics(text));

    [Fact]
    public void Non_utf8_byte_is_reported_at_its_column()
    {
        var bytes = "allow module=\u00e9t"u8.ToArray().Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var diagnostics = new List<Diagnostic>();
        PolicyParser.Parse("p.conf", bytes, diagnostics);
        Assert.Equal(["p.conf:1:16: error: invalid UTF-8 byte 0xC3: policy files must be UTF-8 text"], diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Line_over_4_KiB_is_an_error_and_the_next_lines_are_still_checked()
    {
        var text = "allow module=" + new string('a', 4096) + "\nautoload sometimes\n";
        Assert.Equal(
            [
                "p.conf:1:1: error: line is 4109 bytes long; the limit is 4096 bytes",
                "p.conf:2:10: error: invalid autoload mode 'sometimes' (expected classic, privileged or off)",
            ],
            PolicyText.Diagnostics(text));
    }

    [Fact]
    public void A_line_of_exactly_4096_bytes_is_accepted()
    {
        var text = "allow module=" + new string('a', 4096 - 13);
        Assert.Empty(PolicyText.Diagnostics(text));
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_in_one_run()
    {
        var text = "autoload sometimes\nfrobnicate\ndeny uid=5-2 cap=CAP_NOPE\nallow module=,x\n";
        Assert.Equal(
            [
                "p.conf:1:10: error: invalid autoload mode 'sometimes' (expected classic, privileged or off)",
                "p.conf:2:1: error: unknown directive 'frobnicate' (expected one of: version, autoload, load, unload, grant, allow, deny, audit, default, enforcement, lock)",
                "p.conf:3:10: error: uid range 5-2 is empty: the first uid must not be greater than the last",
                "p.conf:3:18: error: unknown capability 'CAP_NOPE'",
                "p.conf:4:14: error: empty pattern in module= (write a name or a glob such as 'nf_*')",
            ],
            PolicyText.Diagnostics(text));
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        // "é" is two bytes in UTF-8 but one column in an editor.
        Assert.Equal(["p.conf:1:20: error: unknown capability 'CAP_X'"], PolicyText.Diagnostics("allow module=é cap=CAP_X"));
    }
}
