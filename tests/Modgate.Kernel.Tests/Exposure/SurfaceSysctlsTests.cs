using Modgate.Policy;

namespace Modgate.Kernel.Tests;

/// <summary>
/// The running kernel's sysctls that take rows away from unprivileged users, read through a fixture reader (and once
/// through ProcSysReader on a directory laid out like /proc/sys): which rows each value closes, and what stays open.
/// </summary>
public sealed class SurfaceSysctlsTests : IDisposable
{
    private readonly SyntheticTree _t = new();

    public SurfaceSysctlsTests()
    {
        _t.With("modules.dep", "kernel/net/appletalk/appletalk.ko:\nkernel/drivers/tty/n_hdlc.ko:\nkernel/fs/hfs/hfs.ko:\nkernel/net/core/netdev_x.ko:\n")
          .With("modules.alias", "alias net-pf-5 appletalk\nalias tty-ldisc-13 n_hdlc\nalias fs-hfs hfs\nalias netdev-x0 netdev_x\n");
    }

    public void Dispose() => _t.Dispose();

    private sealed class Fixture(Dictionary<string, string> values) : ISysctlReader
    {
        public string? Read(string name) => values.TryGetValue(name, out var v) ? v : null;
    }

    private IReadOnlyList<ExposureRow> Analyze(Dictionary<string, string>? sysctls, CompiledPolicy? policy = null)
    {
        var facts = ExposureFacts.Bundled() with { Cves = new CveDatabase([]), DisabledAliases = [], NotableRequests = [] };
        return ExposureAnalyzer.Analyze(new AliasResolver(_t.Load()), facts, policy, sysctls is null ? null : SurfaceSysctls.Read(new Fixture(sysctls)));
    }

    private static ExposureRow Row(IReadOnlyList<ExposureRow> rows, string request) => rows.Single(r => r.Request == request);

    // What a stock Debian kernel reports.
    private static Dictionary<string, string> Stock() => new()
    {
        [SurfaceSysctls.LdiscAutoload] = "1",
        [SurfaceSysctls.UnprivilegedUsernsClone] = "1",
        [SurfaceSysctls.MaxUserNamespaces] = "63432",
        [SurfaceSysctls.ModulesDisabled] = "0",
    };

    [Fact]
    public void Stock_values_close_nothing()
    {
        var rows = Analyze(Stock());
        Assert.All(rows, r => Assert.Empty(r.ClosedBy));
        Assert.True(Row(rows, "tty-ldisc-13").Open && Row(rows, "fs-hfs").Open && Row(rows, "net-pf-5").Open);
        var readings = SurfaceSysctls.Read(new Fixture(Stock())).Readings;
        Assert.All(readings, r => Assert.Equal(SysctlClosure.None, r.Closes));
        // Ubuntu's AppArmor sysctl is absent on Debian: read, reported absent, closes nothing.
        Assert.Equal((null, "not present on this kernel"), (readings.Single(r => r.Name == SurfaceSysctls.AppArmorRestrictUserns).Value,
            readings.Single(r => r.Name == SurfaceSysctls.AppArmorRestrictUserns).Effect));
    }

    [Fact]
    public void Ldisc_autoload_0_closes_only_the_line_disciplines()
    {
        var values = Stock();
        values[SurfaceSysctls.LdiscAutoload] = "0";
        var rows = Analyze(values);
        var ldisc = Row(rows, "tty-ldisc-13");
        Assert.Equal(["dev.tty.ldisc_autoload=0"], ldisc.ClosedBy);
        Assert.False(ldisc.Open);
        Assert.True(ldisc.AllowedByPolicy);
        Assert.True(Row(rows, "net-pf-5").Open && Row(rows, "fs-hfs").Open);
    }

    [Theory]
    [InlineData(SurfaceSysctls.UnprivilegedUsernsClone, "0")]
    [InlineData(SurfaceSysctls.MaxUserNamespaces, "0")]
    [InlineData(SurfaceSysctls.AppArmorRestrictUserns, "1")]
    public void No_unprivileged_user_namespace_closes_every_userns_row(string name, string value)
    {
        var values = Stock();
        values[name] = value;
        var rows = Analyze(values);
        Assert.Equal([$"{name}={value}"], Row(rows, "fs-hfs").ClosedBy);
        Assert.All(rows.Where(r => r.PrivilegeFamily.Privilege == PrivilegeNeeded.UserNamespace), r => Assert.False(r.Open));
        Assert.All(rows.Where(r => r.PrivilegeFamily.Privilege == PrivilegeNeeded.None), r => Assert.Empty(r.ClosedBy));
        Assert.True(Row(rows, "tty-ldisc-13").Open);
    }

    [Fact]
    public void Modules_disabled_closes_every_unprivileged_row_and_several_settings_are_all_named()
    {
        var values = Stock();
        values[SurfaceSysctls.ModulesDisabled] = "1";
        values[SurfaceSysctls.LdiscAutoload] = "0";
        var rows = Analyze(values);
        Assert.Equal(["dev.tty.ldisc_autoload=0", "kernel.modules_disabled=1"], Row(rows, "tty-ldisc-13").ClosedBy);
        Assert.All(rows.Where(r => r.ReachableUnprivileged), r => Assert.Contains("kernel.modules_disabled=1", r.ClosedBy));
        // A row only root reaches is not the sysctls' to close (they take away what users had).
        Assert.Empty(Row(rows, "netdev-x0").ClosedBy);
    }

    [Fact]
    public void Without_sysctls_nothing_is_closed()
    {
        var values = Stock();
        values[SurfaceSysctls.LdiscAutoload] = "0";
        Assert.All(Analyze(null), r => Assert.Empty(r.ClosedBy));
    }

    [Fact]
    public void ProcSysReader_reads_dotted_names_under_its_root()
    {
        var procSys = Directory.CreateTempSubdirectory("modgate-proc-sys-");
        try
        {
            Directory.CreateDirectory(Path.Combine(procSys.FullName, "dev", "tty"));
            File.WriteAllText(Path.Combine(procSys.FullName, "dev", "tty", "ldisc_autoload"), "0\n");
            var reader = new ProcSysReader(procSys.FullName);
            Assert.Equal("0", reader.Read("dev.tty.ldisc_autoload"));
            Assert.Null(reader.Read("user.max_user_namespaces"));
            var sysctls = SurfaceSysctls.Read(reader);
            Assert.Equal(SysctlClosure.LineDisciplines, sysctls.Readings.Single(r => r.Name == SurfaceSysctls.LdiscAutoload).Closes);
            Assert.Equal(4, sysctls.Readings.Count(r => r.Value is null));
        }
        finally
        {
            procSys.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_real_proc_sys_of_this_machine_is_read_without_error()
    {
        // Whatever this host's values are (a container may lack some): five readings, values as the kernel prints them.
        var sysctls = SurfaceSysctls.Read(new ProcSysReader());
        Assert.Equal(5, sysctls.Readings.Count);
        Assert.Contains(sysctls.Readings, r => r.Value is not null);
        Assert.All(sysctls.Readings.Where(r => r.Value is not null), r => Assert.Matches("^[0-9]+$", r.Value!));
    }
}
