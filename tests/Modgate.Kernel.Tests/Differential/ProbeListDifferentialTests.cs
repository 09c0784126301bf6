using Xunit.Abstractions;

namespace Modgate.Kernel.Tests;

/// <summary>
/// ProbeList against the real <c>modprobe --show-depends</c> (which prints the probe list as if nothing were
/// loaded): over the Debian 6.1 tree, for every module name and the generated request families, with the
/// machine's modprobe.d and with one of our own that has softdep globs and cycles, install commands, blacklists.
/// </summary>
public sealed class ProbeListDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_module_and_request_gives_modprobes_probe_list_with_the_default_configuration()
    {
        var tree = ModuleTree.Load(DebianKernel.ModuleDirectory);
        var requests = tree.Modules.Select(m => m.Name).Concat(DifferentialRequests.Generated(tree).Where((_, i) => i % 4 == 0))
            .Concat(["net-pf-5", "fs-hfs", "nfsd", "ksmbd", "btrfs", "crypto-crc32c"]).Distinct().ToList();
        var (compared, withDependencies) = AssertSameAsModprobe(tree, null, requests);
        Assert.True(compared > 4000 && withDependencies > 1000, $"{compared} compared, {withDependencies} with dependencies: not exercising the tree");
    }

    [Fact]
    public void Softdep_globs_cycles_install_commands_and_blacklists_give_modprobes_probe_list()
    {
        var config = Directory.CreateTempSubdirectory("modgate-probe-d-");
        try
        {
            File.WriteAllText(Path.Combine(config.FullName, "10-probe.conf"), """
                # a softdep glob that matches the module and its dependency: can is listed twice, as by libkmod
                softdep can* pre: can-raw
                # pre and post, post naming an alias that resolves to two modules
                softdep appletalk pre: n_hdlc post: crypto-crc32c
                # only the first matching softdep line counts
                softdep appletalk pre: dummy
                # a cycle through softdeps
                softdep vxlan pre: geneve
                softdep geneve post: vxlan
                # install commands: on a dependency, by glob, on a module with softdeps (ignored), that fail
                install psnap /bin/echo psnap
                install dumm* /bin/true
                install vxlan /bin/false
                install hfs /bin/false
                # blacklisted: skipped when reached through an alias, loaded when asked by name
                blacklist n_hdlc
                blacklist cramfs
                # an alias and a softdep to modules the tree does not have
                alias net-pf-99 no_such_module
                softdep tun pre: no-such-module post: md4
                """);
            var tree = ModuleTree.Load(DebianKernel.ModuleDirectory, [config.FullName]);
            var requests = tree.Modules.Select(m => m.Name).Where((_, i) => i % 5 == 0)
                .Concat(["net-pf-5", "can-proto-2", "can-bcm", "can", "vxlan", "geneve", "rtnl-link-vxlan", "tty-ldisc-13", "n_hdlc",
                    "fs-cramfs", "cramfs", "fs-hfs", "hfs", "dummy", "rtnl-link-dummy", "net-pf-99", "tun", "char-major-10-200"])
                .Distinct().ToList();
            AssertSameAsModprobe(tree, config.FullName, requests);

            var resolver = new AliasResolver(tree);
            // The configuration is really in play: these are what modprobe printed too.
            var appletalk = ProbeList.For(resolver, resolver.ResolveDetailed("net-pf-5")).Single().Steps;
            Assert.Equal(["llc", "psnap", "n_hdlc", "appletalk", "crc32c_intel", "crc32c_generic"], appletalk.Select(s => s.Module));
            Assert.Equal([true, true, false, true, false, false], appletalk.Select(s => s.Required));
            Assert.Equal([ProbeRole.Dependency, ProbeRole.Dependency, ProbeRole.PreSoftdep, ProbeRole.Requested, ProbeRole.PostSoftdep, ProbeRole.PostSoftdep],
                appletalk.Select(s => s.Role));
            Assert.Equal(ProbeAction.Install, appletalk[1].Action);
            Assert.Equal(ProbeAction.Insert, ProbeList.For(resolver, resolver.ResolveDetailed("vxlan")).Single().Steps[^1].Action);
            Assert.NotNull(ProbeList.For(resolver, resolver.ResolveDetailed("tty-ldisc-13")).Single().Blacklisted);
            Assert.Equal(ProbeAction.Missing, ProbeList.For(resolver, resolver.ResolveDetailed("net-pf-99")).Single().Steps.Single().Action);
        }
        finally
        {
            config.Delete(recursive: true);
        }
    }

    private (int Compared, int WithDependencies) AssertSameAsModprobe(ModuleTree tree, string? configPath, List<string> requests)
    {
        var resolver = new AliasResolver(tree);
        var expected = ShowDependsOracle.ShowAll(DebianKernel.Root, DebianKernel.Version, configPath, requests);
        var differences = new List<string>();
        var withDependencies = 0;
        foreach (var request in requests)
        {
            var ours = ShowDepends(tree, ProbeList.For(resolver, resolver.ResolveDetailed(request)));
            var theirs = expected[request].Select(l => l.TrimEnd()).ToList();
            if (ours.Count > 1) withDependencies++;
            if (ours.Count != theirs.Count || ours.Zip(theirs).Any(p => !Same(p.First, p.Second)))
                differences.Add($"{request}:\n  modprobe [{string.Join(" | ", theirs)}]\n  modgate  [{string.Join(" | ", ours)}]");
        }
        output.WriteLine($"compared {requests.Count} requests ({withDependencies} loading more than one module): {differences.Count} differences");
        foreach (var d in differences.Take(30)) output.WriteLine(d);
        Assert.Empty(differences);
        return (requests.Count, withDependencies);
    }

    /// <summary>Our probe list as modprobe --show-depends prints it (print_action of modprobe.c).</summary>
    private static List<string> ShowDepends(ModuleTree tree, IReadOnlyList<ModuleProbe> probes) =>
    [
        .. probes.Where(p => p.Blacklisted is null).SelectMany(p => p.Steps).SelectMany(s => s switch
        {
            { Install: { } install } => [$"install {install.Command}"],
            { Action: ProbeAction.Builtin } => [$"builtin {s.Module}"],
            { Action: ProbeAction.Insert } => [$"insmod {tree.PathOf(tree.ModulesByName[s.Module])}"],
            _ => Array.Empty<string>(),
        }),
    ];

    /// <summary>modprobe appends the module's options from modprobe.d (the machine's has some); they are not ours to compare.</summary>
    private static bool Same(string ours, string theirs) => theirs == ours || theirs.StartsWith(ours + " ", StringComparison.Ordinal);
}
