using Xunit.Abstractions;

namespace Modgate.Kernel.Tests;

/// <summary>
/// AliasResolver against the real modprobe -R over the whole Debian 6.1 tree: every request string gives
/// the same lines in the same order. Runs twice: with the machine's modprobe.d (kmod's default paths)
/// and with a modprobe.d of our own that has glob aliases, blacklists and install/remove commands.
/// </summary>
public sealed class ModprobeDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_request_resolves_like_modprobe_with_the_default_configuration()
    {
        var tree = ModuleTree.Load(DebianKernel.ModuleDirectory);
        var requests = DifferentialRequests.Build(tree);
        AssertSameAsModprobe(tree, null, requests, minimumRequests: 60_000);
    }

    [Fact]
    public void Every_request_resolves_like_modprobe_with_modprobe_d_aliases_and_commands()
    {
        var config = Directory.CreateTempSubdirectory("modgate-modprobe-d-");
        try
        {
            File.WriteAllText(Path.Combine(config.FullName, "10-aliases.conf"), """
                # glob aliases, dash/underscore equivalence, an alias to "off", and one that shadows modules.alias
                alias net-pf-5 off
                alias fs-cram* cramfs
                alias crypto-[a-c]*-generic dummy_crypto
                alias tty_ldisc_13 n-hdlc
                alias net-pf-3? rose
                alias symbol:foo bar
                blacklist appletalk
                install cramfs /bin/false
                install made-up-module /bin/true
                remove removable-thing /bin/true
                alias bad]line x
                install only-a-name
                softdep vfat pre: nls-cp437
                """);
            File.WriteAllText(Path.Combine(config.FullName, "20-more.conf"), "alias net-pf-3? netrom\nalias continued\\\n-name target-mod\n");
            File.WriteAllText(Path.Combine(config.FullName, "ignored.txt"), "alias net-pf-4 ignored\n");
            var tree = ModuleTree.Load(DebianKernel.ModuleDirectory, [config.FullName]);
            Assert.Contains(tree.Diagnostics, d => d.Message.Contains("ignoring bad line starting with 'alias'") && d.Line == 12);
            var requests = DifferentialRequests.Generated(tree)
                .Concat(["made-up-module", "made_up_module", "removable-thing", "continued-name", "symbol:foo", "fs-cramfs", "net-pf-4", "cramfs", "appletalk"])
                .Distinct().ToList();
            AssertSameAsModprobe(tree, config.FullName, requests, minimumRequests: 18_000);
            // The configuration is really in play: modprobe.d answered these.
            var resolver = new AliasResolver(tree);
            Assert.Equal(["off"], resolver.Resolve("net-pf-5"));
            Assert.Equal(["rose", "netrom"], resolver.Resolve("net-pf-32"));
            Assert.Equal(ResolutionSource.InstallCommand, resolver.ResolveDetailed("made-up-module").Source);
        }
        finally
        {
            config.Delete(recursive: true);
        }
    }

    [Fact]
    public void Batched_modprobe_answers_like_one_modprobe_per_request()
    {
        var tree = ModuleTree.Load(DebianKernel.ModuleDirectory);
        var sample = DifferentialRequests.Build(tree).Where((_, i) => i % 401 == 0).Take(150).ToList();
        var batched = ModprobeOracle.ResolveAll(DebianKernel.Root, DebianKernel.Version, null, sample);
        foreach (var request in sample)
            Assert.Equal(ModprobeOracle.ResolveOne(DebianKernel.Root, DebianKernel.Version, null, request), batched[request]);
    }

    private void AssertSameAsModprobe(ModuleTree tree, string? configPath, List<string> requests, int minimumRequests)
    {
        Assert.DoesNotContain(tree.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var resolver = new AliasResolver(tree);
        var expected = ModprobeOracle.ResolveAll(DebianKernel.Root, DebianKernel.Version, configPath, requests);
        var differences = ModprobeOracle.Differences(resolver, requests, expected, out var found);
        output.WriteLine($"compared {requests.Count} request strings ({tree.Aliases.Count} modules.alias lines, {found} resolving to a module): {differences.Count} differences");
        foreach (var d in differences.Take(40)) output.WriteLine(d);
        Assert.True(requests.Count >= minimumRequests, $"only {requests.Count} requests generated");
        Assert.True(found > 1000, $"only {found} requests resolved: the comparison is not exercising the tree");
        Assert.Empty(differences);
    }
}
