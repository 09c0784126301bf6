namespace Modgate.Kernel.Tests;

/// <summary>The reviewed tables of data/ against the committed tool output they were reviewed from.</summary>
public sealed class DataTablesTests
{
    private static string DataFile(string name) => Path.Combine(RepositoryRoot.Path, "data", name);

    private static List<string[]> Rows(string name) => File.ReadAllLines(DataFile(name))
        .Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1).Select(l => l.Split('\t')).ToList();

    // The committed tool output of each examined source, by the kernel series its provenance line names
    // ("# linux-source-6.12 6.12.118-1 (…)" → 6.12).
    private static readonly string[] SiteTables = ["request-sites-6.1.tsv", "request-sites.tsv", "request-sites-newest.tsv"];

    private static Dictionary<Version, List<string[]>> SitesBySource() => SiteTables.ToDictionary(
        table =>
        {
            var first = File.ReadLines(DataFile(table)).First();
            var m = System.Text.RegularExpressions.Regex.Match(first, @"^# linux-source-(\d+\.\d+) ");
            Assert.True(m.Success, $"{table} does not start with its provenance line: {first}");
            return KernelSeries.Parse(m.Groups[1].Value)!;
        },
        Rows);

    // The sites of a family: those whose format is one of the family's (symbol_request writes one literal per symbol).
    private static bool OfFamily(RequestFamily family, string format) =>
        family.Format.Split('|').Contains(format) || (family.Format == "symbol:%s" && format.StartsWith("symbol:", StringComparison.Ordinal));

    [Fact]
    public void Every_request_format_of_every_source_is_in_a_reviewed_family()
    {
        var reviewed = RequestFamilies.Bundled().All.SelectMany(f => f.Format.Split('|')).ToHashSet();
        var literals = new HashSet<string>();
        var formats = new HashSet<string>();
        foreach (var (source, sites) in SitesBySource())
        {
            var these = sites.Select(r => r[3]).Where(f => f.Contains('%')).ToHashSet();
            Assert.True(these.Count > 90, $"only {these.Count} formats in the {source} table: the committed tool output looks truncated");
            formats.UnionWith(these);
            literals.UnionWith(sites.Select(r => r[3]));
        }
        Assert.Empty(formats.Except(reviewed).Order());
        // And the other way: a reviewed family names a format some source really has (or a literal request it has).
        Assert.Empty(reviewed.Except(formats).Except(literals).Except(["symbol:%s"]).Order());
    }

    [Fact]
    public void Every_family_has_a_context_that_covers_every_context_derived_for_its_sites()
    {
        var sources = SitesBySource();
        foreach (var family in RequestFamilies.Bundled().All)
        {
            Assert.True(family.Context != 0, $"{family.Format}: no context");
            var derived = sources.Values.SelectMany(s => s).Where(r => OfFamily(family, r[3]))
                .SelectMany(r => r[6].Split(',')).Select(w => RequestContexts.Parse(w) ?? throw new InvalidDataException($"site context '{w}'"))
                .Aggregate((RequestContext)0, (a, b) => a | b);
            Assert.True((derived & ~family.Context) == 0,
                $"{family.Format} ({family.Pattern.Pattern}): the sites run in {string.Join(",", RequestContexts.Names(derived))}, the review says {string.Join(",", RequestContexts.Names(family.Context))}");
            // A context the script did not see is explained.
            if ((family.Context & ~derived) != 0)
                Assert.False(string.IsNullOrWhiteSpace(family.ContextNote), $"{family.Format}: context beyond the derived one without a context_note");
        }
    }

    [Fact]
    public void Every_family_names_exactly_the_examined_sources_that_make_its_requests()
    {
        var sources = SitesBySource();
        var families = RequestFamilies.Bundled();
        Assert.Equal(sources.Keys.Order(), families.Examined);
        foreach (var family in families.All)
        {
            var having = sources.Where(s => s.Value.Any(r => OfFamily(family, r[3]))).Select(s => s.Key).Order();
            Assert.True(having.SequenceEqual(family.Kernels.Order()),
                $"{family.Format}: kernels column {string.Join(",", family.Kernels)}, the site tables have it in {string.Join(",", having)}");
        }
    }

    [Fact]
    public void The_extractor_derives_the_context_of_the_crypto_managers_kthread()
    {
        // crypto_lookup_template is called by cryptomgr_probe, which kthread_run starts (crypto/algboss.c).
        var template = Rows("request-sites.tsv").Single(r => r[0] == "crypto/algapi.c" && r[3] == "crypto-%s");
        Assert.Equal(("crypto_lookup_template", "kthread"), (template[5], template[6]));
        Assert.Contains("cryptomgr_probe (kthread_run in crypto/algboss.c)", template[7]);
        var ldisc = Rows("request-sites.tsv").Single(r => r[3] == "tty-ldisc-%d");
        Assert.Equal("caller,workqueue", ldisc[6]);
    }

    [Fact]
    public void Families_parse_and_name_their_fields()
    {
        var families = RequestFamilies.Bundled();
        var ldisc = families.Match("tty-ldisc-13")!;
        Assert.Equal(PrivilegeNeeded.None, ldisc.Privilege);
        Assert.Equal("ioctl(tty_fd, TIOCSETD, N_HDLC)", ldisc.TriggerFor("tty-ldisc-13"));
        Assert.Equal(RequestContext.Caller | RequestContext.Workqueue, ldisc.Context);
        Assert.Equal("socket(AF_INET, SOCK_DGRAM, IPPROTO_L2TP)", families.Match("net-pf-2-proto-115-type-2")!.TriggerFor("net-pf-2-proto-115-type-2"));
        Assert.Equal("socket(AF_CAN, …, CAN_BCM)", families.Match("can-proto-2")!.TriggerFor("can-proto-2"));
        Assert.Equal((PrivilegeNeeded.UserNamespace, "CAP_SYS_ADMIN"), (families.Match("fs-hfs")!.Privilege, families.Match("fs-hfs")!.Capability));
        Assert.Equal((PrivilegeNeeded.InitialNamespace, "CAP_NET_ADMIN"), (families.Match("netdev-eth0")!.Privilege, families.Match("netdev-eth0")!.Capability));
        Assert.Equal(PrivilegeNeeded.Device, families.Match("char-major-4-64")!.Privilege);
        Assert.Equal(PrivilegeNeeded.None, families.Match("char-major-10-200")!.Privilege);
        Assert.True(families.Match("crypto-sha256")!.Context.HasFlag(RequestContext.Kthread));
        Assert.Equal(["caller", "kthread", "boot"], RequestContexts.Names(families.Match("crypto-sha256")!.Context));
        Assert.Equal(RequestContext.Caller, families.Match("rtnl-link-dummy")!.Context);
        Assert.Null(families.Match("pci:v00008086d*"));
    }

    [Theory]
    [InlineData("6.1.0-57-amd64", "sch_htb", "net-sch-htb")]
    [InlineData("6.6.3-amd64", "sch_htb", "net-sch-htb")]          // between two examined sources: the older one
    [InlineData("5.10.0-46-amd64", "sch_htb", "net-sch-htb")]      // older than every examined source: the oldest
    [InlineData("6.12.118+deb13-amd64", "net-sch-htb", "sch_htb")]
    [InlineData("7.3.4+deb13-amd64", "net-cls-u32", "cls_u32")]
    [InlineData("7.3.4+deb13-amd64", "xfrm-iptfs", "binfmt-464c")] // 7.x asks for xfrm-iptfs and no longer for binfmt-*
    [InlineData("6.12.118+deb13-amd64", "binfmt-464c", "xfrm-iptfs")]
    [InlineData("6.1.0-57-amd64", "binfmt-7f45", "binfmt-misc")]   // %04x: binfmt_misc's module name is no request
    [InlineData("9.0.1", "xfrm-iptfs", "vport-type-1")]            // newer than every examined source: the newest
    public void A_kernel_is_judged_by_the_families_of_its_examined_source(string release, string made, string notMade)
    {
        var families = RequestFamilies.Bundled().ForKernel(release);
        Assert.NotNull(families.Match(made));
        Assert.Null(families.Match(notMade));
    }

    [Fact]
    public void A_release_without_a_version_keeps_every_family()
    {
        var all = RequestFamilies.Bundled();
        Assert.Equal(all.All.Count, all.ForKernel("unknown").All.Count);
        Assert.Equal(new Version(6, 12), KernelSeries.OfRelease("6.12.118+deb13-amd64"));
        Assert.Equal(new Version(7, 3), KernelSeries.OfRelease("7.3"));
        Assert.Null(KernelSeries.OfRelease("amd64"));
        Assert.Null(RequestContexts.Parse("caller,caller"));
        Assert.Null(RequestContexts.Parse("interrupt"));
        Assert.Null(RequestContexts.Parse(""));
    }

    [Fact]
    public void Disabled_aliases_name_sites_the_tool_found()
    {
        var sites = Rows("disabled-aliases-sites.tsv").Select(r => $"{r[0]}:{r[1]}").ToHashSet();
        var reviewed = DisabledAlias.Bundled();
        Assert.Contains(reviewed, d => d.Request == "net-pf-21" && d.Module == "rds");
        foreach (var d in reviewed.Where(d => !d.Site.StartsWith('(')))
            Assert.Contains(d.Site, sites);
    }

    [Fact]
    public void The_cve_dataset_is_bundled_whole()
    {
        var db = CveDatabase.Bundled();
        var rows = Rows("kernel-cve-modules.tsv");
        var notable = Rows("notable-autoload-cves.tsv");
        Assert.Equal(11_701, rows.Count);
        Assert.Equal(rows.Select(r => (r[0], r[1])).Concat(notable.Select(r => (r[0], r[1]))).Distinct().Count(), db.Count);
        Assert.Contains(db.ForModule("n_hdlc"), c => c.Id == "CVE-2017-2636" && c.Notable);
        var sctp = db.ForModule("sctp");
        Assert.Equal(rows.Count(r => r[1] == "sctp"), sctp.Count);
        // Newest first.
        var ids = db.ForModules(["sctp"]).Select(c => c.Id).ToList();
        Assert.Equal(ids.OrderByDescending(i => int.Parse(i.Split('-')[1])).ThenByDescending(i => long.Parse(i.Split('-')[2])), ids);
    }
}
