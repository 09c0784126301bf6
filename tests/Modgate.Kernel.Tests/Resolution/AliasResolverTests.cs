namespace Modgate.Kernel.Tests;

/// <summary>
/// The resolver's rules on a small tree of real Debian modules (plain and compressed) that the real
/// depmod indexes, so every expectation is also checked against the real modprobe -R.
/// </summary>
/// <summary>The small tree, built and depmod'ed once for all the tests of the class.</summary>
public sealed class SmallRealTree : IDisposable
{
    public SyntheticTree Files { get; } = new();

    public ModuleTree Tree { get; }

    public SmallRealTree()
    {
        var source = DebianKernel.ModuleDirectory;
        Files.CopyModule(Path.Combine(source, "kernel/drivers/tty/n_hdlc.ko"), "kernel/drivers/tty/n_hdlc.ko");
        Compress(Files.CopyModule(Path.Combine(source, "kernel/net/appletalk/appletalk.ko"), "kernel/net/appletalk/appletalk.ko"), "xz");
        Compress(Files.CopyModule(Path.Combine(source, "kernel/fs/hfs/hfs.ko"), "kernel/fs/hfs/hfs.ko"), "zstd");
        // Not gzip: Debian's kmod is built without zlib, so its depmod cannot read a .ko.gz's aliases.
        Compress(Files.CopyModule(Path.Combine(source, "kernel/net/sctp/sctp.ko"), "kernel/net/sctp/sctp.ko"), "xz");
        Files.CopyModule(Path.Combine(source, "kernel/lib/libcrc32c.ko"), "kernel/lib/libcrc32c.ko");
        Files.CopyModule(Path.Combine(source, "kernel/net/ipv6/ip6_udp_tunnel.ko"), "kernel/net/ipv6/ip6_udp_tunnel.ko");
        Files.CopyModule(Path.Combine(source, "kernel/net/ipv4/udp_tunnel.ko"), "kernel/net/ipv4/udp_tunnel.ko");
        // A module whose file name is not its name: modprobe knows it by the file name.
        Files.CopyModule(Path.Combine(source, "kernel/net/phonet/phonet.ko"), "kernel/extra/phonet-renamed.ko");
        Files.With("modules.builtin", "kernel/fs/ext4/ext4.ko\nkernel/crypto/sha256_generic.ko\n");
        Files.With("modules.builtin.modinfo", "ext4.alias=fs-ext4\0sha256_generic.alias=crypto-sha256\0sha256_generic.alias=crypto-sha*\0");
        Files.WithConfig("test.conf", "alias net-pf-5 n_hdlc\nalias fs-[xy]fs hfs\ninstall forbidden /bin/false\n");
        var (code, _, stderr) = ProcessRunner.Run("depmod", ["-b", Files.Root, SyntheticTree.Version]);
        Assert.True(code == 0, "depmod failed: " + stderr);
        Tree = Files.Load();
    }

    public void Dispose() => Files.Dispose();

    // xz and gzip replace the file; zstd keeps it unless told otherwise.
    private static void Compress(string path, string tool) =>
        Assert.Equal(0, ProcessRunner.Run(tool, tool == "zstd" ? ["-q", "--rm", path] : ["-q", path]).ExitCode);
}

public sealed class AliasResolverTests(SmallRealTree small) : IClassFixture<SmallRealTree>
{
    private readonly SyntheticTree _t = small.Files;
    private readonly ModuleTree _tree = small.Tree;
    private readonly AliasResolver _resolver = new(small.Tree);

    private void AssertResolves(string request, string[] expected, ResolutionSource source)
    {
        var got = _resolver.ResolveDetailed(request);
        Assert.Equal(expected, got.Names);
        Assert.Equal(source, got.Source);
        Assert.Equal(expected, ModprobeOracle.ResolveOne(_t.Root, SyntheticTree.Version, _t.ConfigDirectory, request));
    }

    [Fact]
    public void The_depmod_of_this_tree_saw_compressed_modules()
    {
        Assert.Empty(_tree.Diagnostics);
        Assert.Equal("kernel/net/appletalk/appletalk.ko.xz", _tree.ModulesByName["appletalk"].RelativePath);
        Assert.Equal("kernel/fs/hfs/hfs.ko.zst", _tree.ModulesByName["hfs"].RelativePath);
        Assert.Equal("kernel/net/sctp/sctp.ko.xz", _tree.ModulesByName["sctp"].RelativePath);
        var closure = _tree.LoadClosure("sctp");
        Assert.Equal("sctp", closure[^1]);
        Assert.Equal(["ip6_udp_tunnel", "libcrc32c", "udp_tunnel"], closure.SkipLast(1).Order());
    }

    [Fact]
    public void Aliases_with_dashes_or_underscores_resolve_alike()
    {
        AssertResolves("tty-ldisc-13", ["n_hdlc"], ResolutionSource.ModulesAlias);
        AssertResolves("tty_ldisc_13", ["n_hdlc"], ResolutionSource.ModulesAlias);
        AssertResolves("n-hdlc", ["n_hdlc"], ResolutionSource.ModuleName);
    }

    [Fact]
    public void Modprobe_d_aliases_come_first_and_are_globs()
    {
        AssertResolves("net-pf-5", ["n_hdlc"], ResolutionSource.ModprobeAlias);
        AssertResolves("fs-xfs", ["hfs"], ResolutionSource.ModprobeAlias);
        AssertResolves("fs-zfs", [], ResolutionSource.None);
        AssertResolves("forbidden", ["forbidden"], ResolutionSource.InstallCommand);
    }

    [Fact]
    public void Glob_aliases_of_modules_match()
    {
        AssertResolves("net-pf-2-proto-132", ["sctp"], ResolutionSource.ModulesAlias);
        AssertResolves("net-pf-10-proto-132", ["sctp"], ResolutionSource.ModulesAlias);
        AssertResolves("fs-hfs", ["hfs"], ResolutionSource.ModulesAlias);
    }

    [Fact]
    public void Built_in_modules_resolve_by_name_and_alias()
    {
        AssertResolves("ext4", ["ext4"], ResolutionSource.BuiltinName);
        AssertResolves("fs-ext4", ["ext4"], ResolutionSource.BuiltinAlias);
        // Two built-in aliases of one module match: kmod names it twice.
        AssertResolves("crypto-sha256", ["sha256_generic", "sha256_generic"], ResolutionSource.BuiltinAlias);
    }

    [Fact]
    public void A_renamed_module_is_known_by_its_file_name()
    {
        AssertResolves("phonet-renamed", ["phonet_renamed"], ResolutionSource.ModuleName);
        AssertResolves("net-pf-35", ["phonet_renamed"], ResolutionSource.ModulesAlias);
        AssertResolves("phonet", [], ResolutionSource.None);
    }

    [Fact]
    public void Unknown_and_malformed_requests_resolve_to_nothing()
    {
        AssertResolves("net-pf-21", [], ResolutionSource.None);
        AssertResolves("a]b", [], ResolutionSource.None);
        AssertResolves("[unclosed", [], ResolutionSource.None);
    }

    [Fact]
    public void The_alias_table_maps_module_globs_to_request_patterns()
    {
        var table = new AliasTable(_tree);
        var sctp = table.ForModule(new Modgate.Policy.Glob("sctp"));
        Assert.Contains(sctp, p => p.Pattern.Pattern == "net_pf_2_proto_132" && p.Origin == AliasOrigin.ModulesAlias);
        Assert.Contains(sctp, p => p.Pattern.Pattern == "sctp" && p.Origin == AliasOrigin.ModuleName);
        var hfs = table.ForModule(new Modgate.Policy.Glob("hf*"));
        Assert.Contains(hfs, p => p.Pattern.Pattern == "fs_[xy]fs" && p.Origin == AliasOrigin.ModprobeConfig);
        // Each pattern listed for n_hdlc really resolves there.
        foreach (var pair in table.ForModule(new Modgate.Policy.Glob("n_hdlc")).Where(p => p.Pattern.IsLiteral))
            Assert.Contains("n_hdlc", _resolver.Resolve(pair.Pattern.Pattern));
    }
}
