using CsCheck;
using Modgate.Enforcement.Tables;
using Modgate.Policy;

namespace Modgate.Enforcement.Tests;

/// <summary>
/// For random policies over the real Debian module tree, the kernel's algorithm over the translated tables
/// (<see cref="KernelTableEmulator"/>) decides as the reference evaluator does: exactly, or, where a pattern
/// could only be approximated, never more permissively.
/// </summary>
public sealed class TableTranslationPropertyTests
{
    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly string[] Requests =
    [
        "net-pf-5", "net-pf-29", "can-proto-2", "tty-ldisc-13", "tty-ldisc-15", "fs-hfs", "fs-cramfs", "fs-ext4",
        "crypto-md4", "crypto-md4-all", "algif-hash", "algif-skcipher", "rtnl-link-dummy", "rtnl-link-vxlan",
        "binfmt-1234", "tcp-ulp-tls", "net-pf-21", "net-pf-2-proto-132", "char-major-10-200", "char-major-10-229",
        "netdev-eth0", "netdev-dummy0", "nf_tables", "n_hdlc", "sctp", "nfnetlink-subsys-1", "crypto-pcbc(fcrypt)",
        "unknown-thing", "net-pf-99", "fs-nosuchfs", "char-major-67-3",
    ];

    private static readonly string[] Modules =
    [
        "n_hdlc", "appletalk", "can_bcm", "can", "hfs", "cramfs", "md4", "algif_hash", "dummy", "vxlan", "tls", "sctp",
        "tun", "fuse", "nf_tables", "wireguard", "ext4", "nosuchmod", "", "nf-conntrack",
    ];

    private static readonly string[] ModuleGlobs =
        ["n_hdlc", "appletalk", "can*", "nf_*", "n_*", "*", "*hdlc*", "[ab]*", "hf?", "dummy,vxlan", "tun,fuse", "md4", "ext4", "sctp"];

    private static readonly string[] RequestGlobs =
        ["net-pf-*", "net-pf-5", "tty-ldisc-*", "fs-*", "crypto-*", "char-major-10-*", "*", "net-pf-[0-9]", "binfmt-*", "netdev-*", "rtnl-link-?ummy", "fs-hfs,fs-cramfs"];

    private static readonly (string Path, ulong Id)[] Cgroups =
        [("/", 1), ("/user.slice/user-1000.slice", 2), ("/system.slice/sshd.service", 3)];

    private static readonly Gen<string> RuleLine =
        Gen.Select(Pick("allow", "deny", "audit"), Gen.Int[0, 9], Pick(ModuleGlobs), Pick(RequestGlobs),
            Gen.Int[0, 15]).Select((action, shape, mod, req, extra) =>
        {
            var unload = shape == 9 ? " unload" : "";
            var name = shape switch
            {
                <= 3 => $" module={mod}",
                <= 6 => unload.Length > 0 ? $" module={mod}" : $" request={req}",
                7 => unload.Length > 0 ? "" : $" module={mod} request={req}",
                _ => $" module={mod}",
            };
            var keys = extra switch
            {
                1 => " uid=1000-60000",
                2 => " uid=0",
                3 => " cap=CAP_NET_ADMIN",
                4 => " cap=CAP_SYS_MODULE",
                5 => unload.Length > 0 || name.Contains("request") ? "" : " origin=explicit",
                6 => unload.Length > 0 || name.Contains("request") ? "" : " origin=autoload",
                7 => " cgroup=/user.slice/*",
                8 => " cgroup=/system.slice/sshd.service",
                _ => "",
            };
            return $"{action}{unload}{name}{keys}";
        });

    private static readonly Gen<string> PolicyText =
        Gen.Select(RuleLine.Array[0, 12], Pick("classic", "privileged", "off"), Pick("classic", "off"),
            Pick("classic", "off"), Gen.Bool, Gen.Bool, Gen.Int[0, 3]).Select((rules, autoload, load, unload, deny, complain, grant) =>
            string.Join('\n', new[]
            {
                "version 1", $"autoload {autoload}", $"load {load}", $"unload {unload}",
                grant switch { 1 => "grant tty-ldisc-* cap=CAP_SYS_ADMIN", 2 => "grant net-pf-* uid=1000", 3 => "grant fs-* cgroup=/user.slice/*", _ => "" },
                deny ? "default deny" : "default allow", complain ? "enforcement complain" : "enforcement enforce",
            }.Concat(rules)) + "\n");

    // One caller in four is an unknown requester (SPEC.md §2 "Who asked"): the reference evaluator is given its
    // capabilities and must ignore them; the kernel has already zeroed them.
    private static readonly Gen<(uint Uid, CapabilitySet Caps, int Cgroup, Mode Mode, Origin Origin, bool Unknown)> Callers =
        Gen.Select(Pick(0u, 1000u, 65534u), Pick(CapabilitySet.None, CapabilitySet.Of(12), CapabilitySet.Of(16), CapabilitySet.All),
            Gen.Int[0, 2], Pick(Mode.Classic, Mode.Classic, Mode.Privileged, Mode.Off), Pick(Origin.Autoload, Origin.Explicit),
            Pick(false, false, false, true));

    internal static CompiledPolicy Compile(string text) => Modgate.Tests.Shared.PolicyText.Compile(text, "policy.conf");

    internal static IReadOnlyList<ulong> FakeCgroupIds(IReadOnlyList<Glob> globs) =>
        Cgroups.Where(c => globs.Any(g => g.Matches(c.Path))).Select(c => c.Id).ToList();

    [Fact]
    public void Kernel_algorithm_over_the_tables_agrees_with_the_reference_evaluator()
    {
        var catalog = DebianTree.Catalog;
        var known = catalog.ModuleNames.Concat(catalog.Aliases.Where(a => a.Pattern.IsLiteral).Select(a => a.Pattern.Pattern)).ToHashSet(StringComparer.Ordinal);
        Gen.Select(PolicyText, Callers.Array[6]).Sample((text, callers) =>
        {
            var policy = Compile(text);
            var tables = PolicyTableBuilder.Build(policy, catalog, FakeCgroupIds, "/sbin/modprobe");
            var kernel = new KernelTableEmulator(tables);
            foreach (var (uid, caps, cg, mode, origin, unknown) in callers)
            {
                var (path, id) = Cgroups[cg];
                foreach (var verb in new[] { Verb.Autoload, Verb.Load, Verb.Unload })
                    foreach (var name in verb == Verb.Autoload ? Requests : Modules)
                    {
                        var request = verb switch
                        {
                            Verb.Autoload => Request.Autoload(name, catalog.Resolve(name), uid, caps, path, mode),
                            Verb.Load => Request.Load(name, origin, uid, caps, path, mode),
                            _ => Request.Unload(name, uid, caps, path, mode),
                        } with { UnknownRequester = unknown };
                        var reference = policy.Decide(request);
                        var got = kernel.Decide(verb, name, new KernelTableEmulator.Caller(uid, unknown ? CapabilitySet.None : caps, id,
                            verb == Verb.Autoload ? Origin.Autoload : verb == Verb.Load ? origin : Origin.Explicit, mode, unknown));
                        var exact = tables.Approximations.Count == 0 || known.Contains(name.Replace('-', '_'));
                        var where = $"{verb} {name} uid={uid} caps={caps} cgroup={path} mode={mode} origin={origin} unknown={unknown}\n{text}\napproximations: {string.Join("; ", tables.Approximations)}";
                        if (exact)
                        {
                            Assert.True(reference.Verdict == got.Verdict && reference.WouldDeny == got.WouldDeny && reference.Layer == got.Layer,
                                $"reference {reference.Verdict}/{reference.WouldDeny}/{reference.Layer} kernel {got.Verdict}/{got.WouldDeny}/{got.Layer}: {where}");
                            if (got.Layer == DecisionLayer.Rule)
                                Assert.Equal(reference.Source, policy.Rules.Single(r => r.Index == got.RuleIndex).Source);
                        }
                        else
                        {
                            Assert.True(got.Verdict == Verdict.Deny || reference.Verdict == Verdict.Allow,
                                $"kernel allowed what the reference denies: {where}");
                        }
                    }
            }
        }, iter: 100);
    }
}
