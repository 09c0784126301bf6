using CsCheck;
using Modgate.Cli.Output;

namespace Modgate.Cli.Tests.Output;

public sealed class FittingTests
{
    [Theory]
    [InlineData("ioctl(tty_fd, TIOCSETD, N_HDLC)", 20, "ioctl(tty_fd…")]
    [InlineData("CAP_SYS_ADMIN (user namespace)", 14, "CAP_SYS_ADMIN…")]
    [InlineData("CAP_SYS_ADMIN (user namespace)", 13, "…")]
    [InlineData("openvswitch (+nf_conntrack,nf_conncount,nf_nat)", 40, "openvswitch (+nf_conntrack,nf_conncount…")]
    [InlineData("mount(…, \"btrfs\", …) or fsopen(\"btrfs\")", 20, "mount(…, \"btrfs\"…")]
    [InlineData("short", 5, "short")]
    public void Truncation_keeps_identifiers_whole(string text, int width, string expected) =>
        Assert.Equal(expected, Fitting.Truncate(text, width));

    [Fact]
    public void A_truncated_cell_fits_and_is_a_prefix_made_of_whole_identifiers()
    {
        string[] identifiers = ["n_hdlc", "net-pf-16-proto-4-type-2-132", "CAP_NET_ADMIN", "/etc/modgate/policy.conf:12", "CVE-2026-74541", "x"];
        string[] between = [" ", ", ", "(", ") ", ","];
        var words = Gen.Int[0, identifiers.Length - 1].Select(i => identifiers[i]);
        var separators = Gen.Int[0, between.Length - 1].Select(i => between[i]);
        var text = Gen.Select(words, separators).Array[1, 8].Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)).TrimEnd());
        Gen.Select(text, Gen.Int[1, 60]).Sample((t, width) =>
        {
            var cut = Fitting.Truncate(t, width);
            Assert.True(cut.Length <= width, $"'{cut}' is wider than {width}");
            if (cut == t) return;
            Assert.EndsWith("…", cut);
            var kept = cut[..^1];
            Assert.StartsWith(kept, t);
            // The next character of the original is not a continuation of the last kept identifier.
            if (kept.Length > 0) Assert.False(char.IsAsciiLetterOrDigit(kept[^1]) && char.IsAsciiLetterOrDigit(t[kept.Length]), $"'{cut}' cuts '{t}' mid-identifier");
        });
    }

    [Theory]
    [InlineData(30, "fs-cifs, fs-smb3, fs-smb2 +1")]
    [InlineData(12, "fs-cifs +3")]
    [InlineData(5, "+4")]
    public void A_list_keeps_whole_items_and_counts_the_rest(int width, string expected) =>
        Assert.Equal(expected, Fitting.TruncateList(["fs-cifs", "fs-smb3", "fs-smb2", "fs-smbfs"], width));

    [Fact]
    public void Wrapping_breaks_between_words_and_indents_what_follows() =>
        Assert.Equal(["  missing: kernel 5.10 <", "    5.11: per-process", "    modes unavailable"],
            Fitting.Wrap("  missing: kernel 5.10 < 5.11: per-process modes unavailable", 24, "    "));

    [Fact]
    public void A_colored_word_takes_only_the_columns_of_its_text() =>
        Assert.Equal(["enforcement: \e[33mpartial\e[0m (backend", "             bpf-lsm)"],
            Fitting.Wrap("enforcement: \e[33mpartial\e[0m (backend bpf-lsm)", 30, new string(' ', 13)));
}
