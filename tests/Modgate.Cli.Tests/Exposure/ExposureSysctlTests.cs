using System.Text.Json;

namespace Modgate.Cli.Tests;

/// <summary>
/// `modgate exposure --proc-sys DIR` on the Debian 6.1 tree: the sysctls of a /proc/sys copy close the rows they take
/// away from unprivileged users, in the rows, the summary, the JSON and the text; without it, another kernel's tree is
/// judged without sysctls. And every row names the contexts its family is requested in.
/// </summary>
public sealed class ExposureSysctlTests : IDisposable
{
    private readonly DirectoryInfo _procSys = Directory.CreateTempSubdirectory("modgate-proc-sys-");

    public ExposureSysctlTests()
    {
        Write("dev/tty/ldisc_autoload", "0");
        Write("kernel/unprivileged_userns_clone", "0");
        Write("user/max_user_namespaces", "15000");
        Write("kernel/modules_disabled", "0");
    }

    public void Dispose() => _procSys.Delete(recursive: true);

    private void Write(string path, string value)
    {
        var file = Path.Combine(_procSys.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, value + "\n");
    }

    private static JsonElement Json(params string[] extra)
    {
        var result = CliRunner.Run(["exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--json", .. extra]);
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private static JsonElement Row(JsonElement root, string request) =>
        root.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("request").GetString() == request);

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    [Fact]
    public void A_proc_sys_copy_closes_the_rows_its_sysctls_take_away()
    {
        var stock = Json();
        var root = Json("--proc-sys", _procSys.FullName);
        var sysctls = root.GetProperty("sysctls").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(5, sysctls.Count);
        Assert.Equal(("0", "tty-ldisc"), (sysctls["dev.tty.ldisc_autoload"].GetProperty("value").GetString(), sysctls["dev.tty.ldisc_autoload"].GetProperty("closes").GetString()));
        Assert.Equal("userns", sysctls["kernel.unprivileged_userns_clone"].GetProperty("closes").GetString());
        Assert.Equal("none", sysctls["user.max_user_namespaces"].GetProperty("closes").GetString());
        Assert.Equal(JsonValueKind.Null, sysctls["kernel.apparmor_restrict_unprivileged_userns"].GetProperty("value").ValueKind);

        var ldisc = Row(root, "tty-ldisc-13");
        Assert.Equal(["dev.tty.ldisc_autoload=0"], Strings(ldisc.GetProperty("closedBy")));
        Assert.Equal((false, "closed by sysctl dev.tty.ldisc_autoload=0"), (ldisc.GetProperty("open").GetBoolean(), ldisc.GetProperty("verdict").GetString()));
        var hfs = Row(root, "fs-hfs");
        Assert.Equal(["kernel.unprivileged_userns_clone=0"], Strings(hfs.GetProperty("closedBy")));
        Assert.False(hfs.GetProperty("open").GetBoolean());
        var appletalk = Row(root, "net-pf-5");
        Assert.Empty(Strings(appletalk.GetProperty("closedBy")));
        Assert.Equal("open", appletalk.GetProperty("verdict").GetString());

        // Only the socket families and the like stay open: every user-namespace row and every line discipline closed.
        Assert.All(root.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("privilege").GetString() == "userns"),
            r => Assert.False(r.GetProperty("open").GetBoolean()));
        var summary = root.GetProperty("summary");
        var stockOpen = stock.GetProperty("summary").GetProperty("openModules").GetInt32();
        var open = summary.GetProperty("openModules").GetInt32();
        var closed = summary.GetProperty("closedBySysctl").GetInt32();
        Assert.True(closed > 400 && open < stockOpen, $"{open} open, {closed} closed, {stockOpen} open on the stock kernel");
        Assert.Equal(stockOpen, open + closed);
        Assert.EndsWith($": {open} open, {closed} more closed by sysctls", summary.GetProperty("line").GetString());
    }

    [Fact]
    public void The_text_lists_each_sysctl_with_what_it_closes()
    {
        var result = CliRunner.Run("exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--proc-sys", _procSys.FullName, "--requests", "--wide");
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        var lines = result.Stdout.Split('\n');
        Assert.Contains($"Sysctls that change this surface (read from {_procSys.FullName}):", lines);
        Assert.Contains(lines, l => l.StartsWith("  dev.tty.ldisc_autoload = 0: tty-ldisc-* requests need CAP_SYS_MODULE") && l.EndsWith("closed)"));
        Assert.Contains(lines, l => l.StartsWith("  kernel.unprivileged_userns_clone = 0: ") && l.EndsWith("rows closed)"));
        Assert.Contains("  kernel.apparmor_restrict_unprivileged_userns: not present on this kernel", lines);
        Assert.Contains(lines, l => l.StartsWith("tty-ldisc-13 ") && l.EndsWith("closed by sysctl dev.tty.ldisc_autoload=0"));
    }

    [Fact]
    public void Another_kernels_tree_is_judged_without_sysctls()
    {
        var root = Json();
        Assert.Equal(JsonValueKind.Null, root.GetProperty("sysctls").ValueKind);
        Assert.All(root.GetProperty("rows").EnumerateArray(), r => Assert.Empty(Strings(r.GetProperty("closedBy"))));
        Assert.Equal(0, root.GetProperty("summary").GetProperty("closedBySysctl").GetInt32());
        Assert.DoesNotContain("sysctls", root.GetProperty("summary").GetProperty("line").GetString());
    }

    [Fact]
    public void A_missing_proc_sys_directory_is_a_usage_error()
    {
        var result = CliRunner.Run("exposure", "--kernel-tree", DebianKernel.ModuleDirectory, "--proc-sys", "/nonexistent/proc/sys");
        Assert.Equal((2, ""), (result.ExitCode, result.Stdout));
        Assert.Equal("modgate exposure: --proc-sys /nonexistent/proc/sys: no such directory (pass a copy of a machine's /proc/sys)\n", result.Stderr);
    }

    [Fact]
    public void Every_row_names_the_contexts_its_family_is_requested_in()
    {
        var root = Json("--all");
        Assert.All(root.GetProperty("rows").EnumerateArray(), r => Assert.Contains("caller", Strings(r.GetProperty("context"))));
        var ldisc = Row(root, "tty-ldisc-13");
        Assert.Equal(["caller", "workqueue"], Strings(ldisc.GetProperty("context")));
        Assert.Contains("hangup", ldisc.GetProperty("contextNote").GetString());
        var crypto = root.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("request").GetString()!.StartsWith("crypto-"));
        Assert.Equal(["caller", "kthread", "boot"], Strings(crypto.GetProperty("context")));
        Assert.Equal(["caller"], Strings(Row(root, "net-pf-16-proto-16-family-wireguard").GetProperty("context")));
    }
}
