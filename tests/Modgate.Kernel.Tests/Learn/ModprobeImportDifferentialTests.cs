using Modgate.Kernel.Learn;
using Modgate.Policy;

namespace Modgate.Kernel.Tests.Learn;

/// <summary>
/// The imported rules against real kmod on the real Debian tree: every module modprobe refuses under the
/// modprobe.d files (install /bin/false|true by name, blacklist under an alias) is denied by the policy; by
/// name modprobe still inserts a blacklisted module (`modprobe arkfb`, insmod), the policy denies that load
/// too; and what modprobe.d leaves alone stays allowed.
/// </summary>
public sealed class ModprobeImportDifferentialTests
{
    private static string Modprobe(string config, string name, params string[] extra)
    {
        var (code, stdout, stderr) = ProcessRunner.Run("modprobe",
            ["-d", DebianKernel.Root, "-S", DebianKernel.Version, "-C", config, "-n", "-v", .. extra, name]);
        Assert.True(code == 0, $"modprobe {name}: exit {code}: {stderr}");
        return stdout;
    }

    private static (CompiledPolicy Policy, AliasResolver Resolver, ModprobeImport Import) Imported(string config)
    {
        var import = ModprobeImporter.Import([config]);
        var policy = Modgate.Tests.Shared.PolicyText.Compile(ModprobeImportPolicy.Render(import, [config]), "imported.conf");
        var tree = ModuleTree.Load(DebianKernel.ModuleDirectory, [config]);
        return (policy, new AliasResolver(tree), import);
    }

    [Fact]
    public void Install_refusals_refuse_in_modprobe_and_are_denied_for_every_verb_that_loads()
    {
        var (policy, resolver, import) = Imported(Fixtures.CisModprobeD);
        var checkedModules = 0;
        foreach (var deny in import.Denies.Where(d => resolver.Tree.IsLoadable(d.Module)))
        {
            // modprobe still inserts the dependencies (jffs2: mtd first), then runs the command instead of the module.
            // (a continued line keeps its spaces: "install     /bin/false")
            var output = string.Join(' ', Modprobe(Fixtures.CisModprobeD, deny.Module).Trim().Split('\n')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.True(output is "install /bin/false" or "install /bin/true", $"{deny.Module}: modprobe would end with: {output}");
            Assert.Equal(Verdict.Deny, policy.Decide(Request.Load(deny.Module)).Verdict);
            Assert.Equal(Verdict.Deny, policy.Decide(Request.Load(deny.Module, Origin.Autoload)).Verdict);
            checkedModules++;
        }
        // The CIS list names 12 modules; cramfs, freevxfs, jffs2 and hfs are not built for Debian's amd64 kernel.
        Assert.True(checkedModules >= 7, $"only {checkedModules} of the CIS modules are in the tree");
        // The autoload that opens sctp (socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)) is denied under its alias too.
        var sctp = resolver.Resolve("net-pf-2-proto-132");
        Assert.Contains("sctp", sctp);
        Assert.Equal(Verdict.Deny, policy.Decide(Request.Autoload("net-pf-2-proto-132", sctp)).Verdict);
    }

    [Fact]
    public void Blacklisted_modules_are_refused_under_their_aliases_by_modprobe_and_denied_by_name_as_well()
    {
        var (policy, resolver, import) = Imported(Fixtures.DebianModprobeD);
        var checkedAliases = 0;
        foreach (var deny in import.Denies.Where(d => resolver.Tree.IsLoadable(d.Module)))
        {
            var alias = resolver.Tree.Aliases.First(a => a.Module == deny.Module);
            // A concrete device id the pattern matches: every wildcard stands for "0".
            var device = alias.Pattern.Replace("*", "0");
            var file = Path.GetFileName(resolver.Tree.PathOf(resolver.Tree.ModulesByName[deny.Module]));
            Assert.DoesNotContain("/" + file, Modprobe(Fixtures.DebianModprobeD, device));
            Assert.Equal(Verdict.Deny, policy.Decide(Request.Autoload(device, resolver.Resolve(device))).Verdict);
            // By name modprobe.d does not stop it (modprobe inserts it) — the policy does.
            Assert.Contains("/" + file, Modprobe(Fixtures.DebianModprobeD, deny.Module));
            Assert.Equal(Verdict.Deny, policy.Decide(Request.Load(deny.Module)).Verdict);
            checkedAliases++;
        }
        Assert.Equal(18, checkedAliases);
    }

    [Fact]
    public void What_modprobe_d_does_not_refuse_stays_allowed()
    {
        var (policy, _, _) = Imported(Fixtures.DebianModprobeD);
        Assert.Contains("/vgastate.ko", Modprobe(Fixtures.DebianModprobeD, "vgastate"));
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Load("vgastate")).Verdict);
        Assert.Equal(Verdict.Allow, policy.Decide(Request.Load("ext4")).Verdict);
    }
}
