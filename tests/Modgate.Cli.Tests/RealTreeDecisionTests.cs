using System.Text.Json;

namespace Modgate.Cli.Tests;

/// <summary>
/// `simulate` with the real Debian 6.1 module tree: the request string is resolved through the kernel's
/// alias table exactly as modprobe would, and module= rules judge what it resolves to.
/// </summary>
public class RealTreeDecisionTests
{
    public static TheoryData<string, string[], string, string, string?, string[]> Table => new()
    {
        // server.conf denies these modules by name, even for root: the request strings reach them through aliases.
        { "server.conf", ["autoload", "net-pf-5", "--cap", "all"], "deny", "rule", "examples/server.conf:11", ["appletalk"] },
        { "server.conf", ["autoload", "tty-ldisc-13", "--cap", "all"], "deny", "rule", "examples/server.conf:11", ["n_hdlc"] },
        { "server.conf", ["autoload", "can-proto-2", "--cap", "all"], "deny", "rule", "examples/server.conf:11", ["can_bcm"] },
        { "server.conf", ["autoload", "net-pf-2-proto-132", "--cap", "all"], "deny", "rule", "examples/server.conf:11", ["sctp"] },
        { "server.conf", ["autoload", "fs-ext4", "--cap", "all"], "allow", "default", "examples/server.conf:17", ["ext4"] },
        // Under `autoload privileged`, uid 1000 is stopped by the mode before any rule.
        { "modautorestrict.conf", ["autoload", "net-pf-5", "--uid", "1000"], "deny", "global-mode", "examples/modautorestrict.conf:8", ["appletalk"] },
        // The allowlist: fs-vfat resolves to vfat, which is listed; fs-hfs is not.
        { "loadpol-allowlist.conf", ["autoload", "fs-vfat"], "allow", "rule", "examples/loadpol-allowlist.conf:6", ["vfat"] },
        { "loadpol-allowlist.conf", ["autoload", "fs-hfs"], "deny", "default", "examples/loadpol-allowlist.conf:14", ["hfs"] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Request_is_resolved_through_the_real_alias_table(string policy, string[] request, string decision, string layer,
        string? rule, string[] modules)
    {
        var result = CliRunner.Run(["simulate", .. request, "--policy", $"examples/{policy}", "--kernel-tree", DebianKernel.ModuleDirectory, "--json"]);
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(modules, root.GetProperty("modules").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(DebianKernel.ModuleDirectory, root.GetProperty("kernelTree").GetString());
        Assert.Equal((decision, layer, rule),
            (root.GetProperty("decision").GetString(), root.GetProperty("layer").GetString(), root.GetProperty("rule").GetString()));
    }

    [Fact]
    public void A_missing_kernel_tree_is_a_usage_error_naming_the_path()
    {
        var result = CliRunner.Run("simulate", "autoload", "net-pf-5", "--policy", "examples/server.conf", "--kernel-tree", "/nonexistent/tree");
        Assert.Equal((2, "modgate: --kernel-tree: no module tree at /nonexistent/tree\n"), (result.ExitCode, result.Stderr));
    }
}

public sealed class CheckWithKernelTreeTests : IDisposable
{
    private readonly string _file = Path.Combine(Directory.CreateTempSubdirectory("modgate-check-tree-").FullName, "p.conf");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);

    [Fact]
    public void Unknown_module_names_are_warnings_with_a_did_you_mean_from_the_tree()
    {
        File.WriteAllText(_file, "deny module=n_hdlx,appletalk,ext4\n");
        var result = CliRunner.Run("check", _file, "--kernel-tree", DebianKernel.ModuleDirectory);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{_file}:1:13: warning: module 'n_hdlx' is not in the kernel tree (did you mean 'n_hdlc'?)\n" +
                     "deny module=n_hdlx,appletalk,ext4\n" +
                     "            ^\n", result.Stderr);
    }
}
