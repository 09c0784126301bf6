namespace Modgate.Kernel.Tests;

/// <summary>Every text file of a module directory, read from small synthetic trees.</summary>
public sealed class ModuleTreeFormatTests
{
    private static SyntheticTree Minimal() => new SyntheticTree()
        .With("modules.dep", """
            kernel/drivers/tty/n_hdlc.ko:
            kernel/net/can/can-bcm.ko.xz: kernel/net/can/can.ko.zst
            kernel/net/can/can.ko.zst:
            kernel/fs/hfs/hfs.ko.gz:
            """)
        .With("modules.alias", """
            # Aliases extracted from modules themselves.
            alias tty-ldisc-13 n_hdlc
            alias can-proto-2 can_bcm
            alias net-pf-29 can
            alias fs-hfs hfs
            alias usb:v1645p0007d01[0-2]*dc*dsc*dp*ic*isc*ip*in* hfs
            """)
        .With("modules.builtin", "kernel/fs/ext4/ext4.ko\nkernel/crypto/sha256_generic.ko\n")
        .With("modules.builtin.modinfo", "ext4.alias=fs-ext4\0ext4.license=GPL\0sha256_generic.alias=crypto-sha256\0sha256_generic.alias=sha256\0")
        .With("modules.softdep", "# Soft dependencies extracted from modules themselves.\nsoftdep can-bcm pre: crc32c post: can-raw\n")
        .With("modules.symbols", "alias symbol:can_rx_register can\n");

    [Fact]
    public void Modules_dep_gives_names_from_file_names_with_dependencies_in_order()
    {
        using var t = Minimal();
        var tree = t.Load();
        Assert.Empty(tree.Diagnostics);
        Assert.Equal(["n_hdlc", "can_bcm", "can", "hfs"], tree.Modules.Select(m => m.Name));
        Assert.Equal("kernel/net/can/can-bcm.ko.xz", tree.ModulesByName["can_bcm"].RelativePath);
        Assert.Equal(["can"], tree.ModulesByName["can_bcm"].Dependencies);
        Assert.Equal(["can", "can_bcm"], tree.LoadClosure("can_bcm"));
        Assert.Equal(1, tree.ModulesByName["can_bcm"].Order);
        Assert.Equal(t.ModuleDirectory, tree.Directory);
        Assert.Equal(SyntheticTree.Version, tree.Version);
    }

    [Fact]
    public void Modules_alias_keeps_patterns_as_written_and_normalized()
    {
        using var t = Minimal();
        var tree = t.Load();
        Assert.Equal(5, tree.Aliases.Count);
        var usb = tree.Aliases[4];
        Assert.Equal("usb:v1645p0007d01[0-2]*dc*dsc*dp*ic*isc*ip*in*", usb.Pattern);
        Assert.Equal(usb.Pattern, usb.NormalizedPattern); // the dash inside brackets stays
        Assert.Equal("tty_ldisc_13", tree.Aliases[0].NormalizedPattern);
        Assert.Equal("n_hdlc", tree.Aliases[0].Module);
    }

    [Fact]
    public void Builtin_modules_and_their_modinfo_aliases_are_read()
    {
        using var t = Minimal();
        var tree = t.Load();
        Assert.True(tree.IsBuiltin("ext4"));
        Assert.True(tree.IsBuiltin("sha256_generic"));
        Assert.False(tree.IsLoadable("ext4"));
        Assert.Equal([("fs-ext4", "ext4"), ("crypto-sha256", "sha256_generic"), ("sha256", "sha256_generic")],
            tree.BuiltinAliases.Select(a => (a.Pattern, a.Module)));
        Assert.Equal("GPL", tree.BuiltinModinfo["ext4"].Single(e => e.Key == "license").Value);
    }

    [Fact]
    public void Modules_softdep_and_symbols_are_read()
    {
        using var t = Minimal();
        var tree = t.Load();
        var softdep = Assert.Single(tree.Config.Softdeps);
        Assert.Equal("can_bcm", softdep.Module);
        Assert.Equal(["crc32c"], softdep.Pre);
        Assert.Equal(["can_raw"], softdep.Post);
        Assert.Equal(Path.Combine(t.ModuleDirectory, "modules.softdep"), softdep.Source.File);
        Assert.Equal(2, softdep.Source.Line);
        Assert.Equal(("symbol:can_rx_register", "can"), (tree.Symbols[0].Pattern, tree.Symbols[0].Module));
    }

    [Fact]
    public void Modprobe_d_alias_blacklist_install_remove_with_continuations_and_positions()
    {
        using var t = Minimal();
        t.WithConfig("local.conf", "# comment\nalias fs-my-fs hfs\nblacklist can-bcm\ninstall n-hdlc /bin/false\nremove can echo bye\ninstall long-one /bin/sh -c \\\n  'echo hi'\nalias net-pf-[1-3] can\n")
         .WithConfig("notes.txt", "alias never-read hfs\n");
        var tree = t.Load();
        Assert.Empty(tree.Diagnostics);
        var c = tree.Config;
        Assert.Equal([("fs_my_fs", "hfs", 2), ("net_pf_[1-3]", "can", 8)], c.Aliases.Select(a => (a.Pattern, a.Module, a.Source.Line)));
        Assert.Equal("can_bcm", c.BlacklistOf("can_bcm")!.Module);
        Assert.Equal(3, c.BlacklistOf("can_bcm")!.Source.Line);
        Assert.True(c.InstallCommandOf("n_hdlc")!.LoadsNothing);
        Assert.Equal("/bin/sh -c   'echo hi'", c.InstallCommandOf("long_one")!.Command);
        Assert.False(c.InstallCommandOf("long_one")!.LoadsNothing);
        Assert.Equal("echo bye", Assert.Single(c.RemoveCommands).Command);
        Assert.DoesNotContain(c.Files, f => f.EndsWith("notes.txt"));
    }

    [Fact]
    public void Modprobe_d_files_merge_by_name_and_the_first_directory_wins()
    {
        using var t = Minimal();
        var second = Path.Combine(t.Root, "lib", "modprobe.d");
        Directory.CreateDirectory(second);
        File.WriteAllText(Path.Combine(second, "a.conf"), "alias from-lib-a hfs\n");
        File.WriteAllText(Path.Combine(second, "same.conf"), "alias shadowed hfs\n");
        t.WithConfig("same.conf", "alias from-etc hfs\n").WithConfig("z.conf", "alias from-etc-z hfs\n");
        var tree = ModuleTree.Load(t.ModuleDirectory, [t.ConfigDirectory, second]);
        Assert.Equal(["from_lib_a", "from_etc", "from_etc_z"], tree.Config.Aliases.Select(a => a.Pattern));
        Assert.Equal(["a.conf", "modules.softdep", "same.conf", "z.conf"], tree.Config.Files.Select(Path.GetFileName));
    }

    [Fact]
    public void Bad_lines_are_warnings_naming_file_and_line()
    {
        using var t = Minimal();
        t.With("modules.alias", "alias good n_hdlc\nalias only-two\nalias bad]bracket n_hdlc\n")
         .With("modules.dep", "kernel/drivers/tty/n_hdlc.ko:\nno colon here\n")
         .WithConfig("broken.conf", "alias lonely\nfrobnicate x\n");
        var tree = t.Load();
        var messages = tree.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains($"{t.ModuleDirectory}/modules.alias:2: warning: expected 'alias PATTERN MODULE'; line ignored", messages);
        Assert.Contains($"{t.ModuleDirectory}/modules.alias:3: warning: unmatched bracket in alias 'bad]bracket'; modprobe ignores it", messages);
        Assert.Contains($"{t.ModuleDirectory}/modules.dep:2: warning: line without 'FILE:' ignored", messages);
        Assert.Contains($"{t.ConfigDirectory}/broken.conf:1: warning: ignoring bad line starting with 'alias' (as modprobe does)", messages);
        Assert.Contains($"{t.ConfigDirectory}/broken.conf:2: warning: ignoring bad line starting with 'frobnicate' (as modprobe does)", messages);
        Assert.False(tree.HasErrors);
        Assert.Equal(["good"], tree.Aliases.Select(a => a.Pattern));
    }

    [Fact]
    public void Missing_modules_dep_is_an_error_naming_the_file_and_the_fix()
    {
        using var t = new SyntheticTree();
        t.With("modules.alias", "alias tty-ldisc-13 n_hdlc\n");
        var tree = t.Load();
        Assert.True(tree.HasErrors);
        var error = Assert.Single(tree.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal($"{t.ModuleDirectory}/modules.dep: error: missing: the module tree is incomplete (run `depmod -b ROOT VERSION` to create modules.dep)", error.ToString());
        // What could be read still was: the alias is there.
        Assert.Single(tree.Aliases);
    }

    [Fact]
    public void Missing_module_directory_is_an_error_naming_it()
    {
        var tree = ModuleTree.Load("/nonexistent/lib/modules/9.9.9", []);
        Assert.Equal("/nonexistent/lib/modules/9.9.9: error: module directory not found", Assert.Single(tree.Diagnostics).ToString());
    }

    [Fact]
    public void Unreadable_file_is_an_error_naming_it()
    {
        using var t = Minimal();
        // Tests run as root, which reads files whatever their mode; a directory where the file should be cannot be read by anyone.
        var alias = Path.Combine(t.ModuleDirectory, "modules.alias");
        File.Delete(alias);
        Directory.CreateDirectory(alias);
        var tree = t.Load();
        var error = Assert.Single(tree.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(alias, error.File);
        Assert.StartsWith("cannot read: ", error.Message);
    }
}
