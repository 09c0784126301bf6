namespace Modgate.Kernel.Tests;

/// <summary>The reviewed tables of data/ against the committed tool output they were reviewed from.</summary>
public sealed class DataTablesTests
{
    private static string DataFile(string name) => Path.Combine(RepositoryRoot.Path, "data", name);

    private static List<string[]> Rows(string name) => File.ReadAllLines(DataFile(name))
        .Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1).Select(l => l.Split('\t')).ToList();

    [Fact]
    public void Every_request_format_of_the_source_is_in_a_reviewed_family()
    {
        var formats = Rows("request-sites.tsv").Select(r => r[3]).Where(f => f.Contains('%')).ToHashSet();
        var reviewed = RequestFamilies.Bundled().All.SelectMany(f => f.Format.Split('|')).ToHashSet();
        Assert.True(formats.Count > 90, $"only {formats.Count} formats: the committed tool output looks truncated");
        Assert.Empty(formats.Except(reviewed).Order());
        // And the other way: a reviewed family names a format the source really has (or a literal request it has).
        var literals = Rows("request-sites.tsv").Select(r => r[3]).ToHashSet();
        // symbol_request(x) writes "symbol:" #x, so the source has one literal per symbol, the table one family for all.
        Assert.Empty(reviewed.Except(formats).Except(literals).Except(["symbol:%s"]).Order());
    }

    [Fact]
    public void Families_parse_and_name_their_fields()
    {
        var families = RequestFamilies.Bundled();
        var ldisc = families.Match("tty-ldisc-13")!;
        Assert.Equal(PrivilegeNeeded.None, ldisc.Privilege);
        Assert.Equal("ioctl(tty_fd, TIOCSETD, N_HDLC)", ldisc.TriggerFor("tty-ldisc-13"));
        Assert.Equal("socket(AF_INET, SOCK_DGRAM, IPPROTO_L2TP)", families.Match("net-pf-2-proto-115-type-2")!.TriggerFor("net-pf-2-proto-115-type-2"));
        Assert.Equal("socket(AF_CAN, …, CAN_BCM)", families.Match("can-proto-2")!.TriggerFor("can-proto-2"));
        Assert.Equal((PrivilegeNeeded.UserNamespace, "CAP_SYS_ADMIN"), (families.Match("fs-hfs")!.Privilege, families.Match("fs-hfs")!.Capability));
        Assert.Equal((PrivilegeNeeded.InitialNamespace, "CAP_NET_ADMIN"), (families.Match("netdev-eth0")!.Privilege, families.Match("netdev-eth0")!.Capability));
        Assert.Equal(PrivilegeNeeded.Device, families.Match("char-major-4-64")!.Privilege);
        Assert.Equal(PrivilegeNeeded.None, families.Match("char-major-10-200")!.Privilege);
        Assert.Null(families.Match("pci:v00008086d*"));
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
