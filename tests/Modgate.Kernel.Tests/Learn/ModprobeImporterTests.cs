using Modgate.Kernel.Learn;

namespace Modgate.Kernel.Tests.Learn;

public sealed class ModprobeImporterTests
{
    [Fact]
    public void Debian_fbdev_blacklist_becomes_one_deny_per_module_with_file_and_line()
    {
        var import = ModprobeImporter.Import([Fixtures.DebianModprobeD]);
        var file = Path.Combine(Fixtures.DebianModprobeD, "fbdev-blacklist.conf");
        Assert.Equal(
            ["arkfb", "aty128fb", "atyfb", "radeonfb", "cirrusfb", "cyber2000fb", "kyrofb", "matroxfb_base", "mb862xxfb", "neofb",
             "pm2fb", "pm3fb", "s3fb", "savagefb", "sisfb", "tdfxfb", "tridentfb", "vt8623fb"],
            import.Denies.Select(d => d.Module));
        Assert.Equal($"{file}:3: blacklist arkfb", Assert.Single(import.Denies[0].Sources).ToString());
        Assert.Equal($"{file}:20: blacklist vt8623fb", Assert.Single(import.Denies[^1].Sources).ToString());
        // kmod's aliases.conf has options, softdeps and aliases only: nothing of it is a refusal.
        Assert.Empty(import.Skipped);
        Assert.Equal([Path.Combine(Fixtures.DebianModprobeD, "aliases.conf"), file], import.Files);
    }

    [Fact]
    public void CIS_lists_merge_every_line_of_a_module_in_modprobe_order_and_leave_real_install_commands_out()
    {
        var import = ModprobeImporter.Import([Fixtures.CisModprobeD]);
        var old = Path.Combine(Fixtures.CisModprobeD, "CIS.conf");
        var current = Path.Combine(Fixtures.CisModprobeD, "cis-current.conf");
        Assert.Equal(["cramfs", "freevxfs", "jffs2", "hfs", "hfsplus", "squashfs", "udf", "usb_storage", "dccp", "tipc", "rds", "sctp"],
            import.Denies.Select(d => d.Module));
        Assert.Equal([$"{old}:2: install cramfs /bin/true", $"{current}:2: install cramfs /bin/false", $"{current}:3: blacklist cramfs"],
            import.Denies[0].Sources.Select(s => s.ToString()));
        // The continued line counts from its first physical line, as kmod reports it.
        Assert.Equal([$"{current}:11: install rds /bin/false", $"{current}:13: blacklist rds"],
            import.Denies.Single(d => d.Module == "rds").Sources.Select(s => s.ToString()));
        var skipped = Assert.Single(import.Skipped);
        Assert.Equal($"{current}:17: install bluetooth /sbin/modprobe --ignore-install bluetooth && /usr/local/sbin/bt-audit", skipped.Line.ToString());
        Assert.Equal("runs a command instead of the load, which may still load something: not a refusal", skipped.Reason);
    }

    [Fact]
    public void A_name_that_a_policy_would_read_as_a_pattern_is_left_out_with_the_reason()
    {
        var dir = Directory.CreateTempSubdirectory("modgate-import-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "x.conf"), "blacklist snd*\ninstall n_hdlc /bin/false\n");
            var import = ModprobeImporter.Import([dir]);
            Assert.Equal(["n_hdlc"], import.Denies.Select(d => d.Module));
            var skipped = Assert.Single(import.Skipped);
            Assert.Equal("'snd*' is not a module name (modprobe compares it literally; a policy would read it as a pattern)", skipped.Reason);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_policy_text_names_the_source_of_every_rule()
    {
        var text = ModprobeImportPolicy.Render(ModprobeImporter.Import([Fixtures.CisModprobeD]), [Fixtures.CisModprobeD]);
        var current = Path.Combine(Fixtures.CisModprobeD, "cis-current.conf");
        Assert.Contains($"\ndeny module=sctp                        # {current}:14: install sctp /bin/false; {current}:15: blacklist sctp\n", text);
        Assert.Contains($"\n# {current}:17: install bluetooth /sbin/modprobe --ignore-install bluetooth && /usr/local/sbin/bt-audit  (runs a command", text);
        Assert.DoesNotContain("default", text);
    }
}
