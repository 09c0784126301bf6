using System.Text.Json;

namespace Modgate.Cli.Tests;

/// <summary>
/// `simulate autoload` on the real Debian 6.1 tree shows what the modprobe the kernel starts then loads (SPEC.md §2
/// "Who asked"): each module of its probe list judged as a load with origin=autoload and the requester's identity;
/// `--unknown-requester` judges a requester the kernel could not tell.
/// </summary>
public sealed class SimulateLoadsTests : IDisposable
{
    private readonly string _policy = Path.Combine(Directory.CreateTempSubdirectory("modgate-simulate-loads-").FullName, "p.conf");

    public SimulateLoadsTests() => File.WriteAllText(_policy, """
        version 1
        deny module=psnap uid=1000-60000
        allow module=ext4,jbd2,mbcache,crc16,crc32c_intel cap=CAP_SYS_ADMIN
        deny module=crc32c_generic
        default deny
        """);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_policy)!, recursive: true);

    // --wide: the tests compare whole lines, which a pipe's 80 columns would wrap.
    private CliResult Simulate(params string[] arguments) =>
        CliRunner.Run(["simulate", "autoload", .. arguments, "--policy", _policy, "--kernel-tree", DebianKernel.ModuleDirectory, "--wide"]);

    private JsonElement Json(params string[] arguments)
    {
        var result = Simulate([.. arguments, "--json"]);
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    // default deny would refuse appletalk's autoload and its loads: let the request and two of the three modules through
    private void AllowRequests() => File.AppendAllText(_policy, "\nallow request=net-pf-5\nallow module=llc,appletalk\n");

    [Fact]
    public void A_dependency_denied_to_the_requester_stops_modprobe_and_says_so()
    {
        File.WriteAllText(_policy, "version 1\ndeny module=psnap uid=1000-60000\n");
        var result = Simulate("net-pf-5", "--uid", "1000");
        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.Equal($"""
            allow
              request: autoload net-pf-5 -> appletalk
              caller:  uid 1000, capabilities none, cgroup /, process mode classic
              decided: no rule matched; the built-in default is allow
              load:    llc (dependency of appletalk): allow, no rule matched; the built-in default is allow
              load:    psnap (dependency of appletalk): deny, rule at {_policy}:2
              load:    appletalk: not reached
              outcome: appletalk is not loaded: modprobe stops at psnap, a dependency (deny: rule at {_policy}:2) and fails

            """, result.Stdout);
        // root is not that requester: the same modprobe loads all three
        Assert.EndsWith("  outcome: appletalk is loaded\n", Simulate("net-pf-5").Stdout);
    }

    [Fact]
    public void Json_lists_each_load_with_its_decision_and_the_modules_left_unloaded()
    {
        var root = Json("fs-ext4", "--cap", "CAP_SYS_ADMIN", "--module", "ext4");
        Assert.Equal(("allow", "rule"), (root.GetProperty("decision").GetString(), root.GetProperty("layer").GetString()));
        Assert.Equal(DebianKernel.ModuleDirectory, root.GetProperty("kernelTree").GetString());
        var loads = root.GetProperty("loads").EnumerateArray().ToList();
        Assert.Equal(["crc32c_intel", "crc32c_generic", "jbd2", "mbcache", "crc16", "ext4"], loads.Select(l => l.GetProperty("module").GetString()));
        var generic = loads[1];
        Assert.Equal(("pre-softdep", "jbd2", false, "denied-ignored", "deny", "rule", $"{_policy}:4"),
            (generic.GetProperty("reason").GetString(), generic.GetProperty("of").GetString(), generic.GetProperty("required").GetBoolean(),
                generic.GetProperty("result").GetString(), generic.GetProperty("decision").GetString(), generic.GetProperty("layer").GetString(),
                generic.GetProperty("rule").GetString()));
        Assert.Equal(("requested", "loaded", $"{_policy}:3"),
            (loads[5].GetProperty("reason").GetString(), loads[5].GetProperty("result").GetString(), loads[5].GetProperty("rule").GetString()));
        Assert.Empty(root.GetProperty("notLoaded").EnumerateArray());
        Assert.False(root.GetProperty("unknownRequester").GetBoolean());
    }

    [Fact]
    public void An_unknown_requester_meets_identity_keyed_denies_and_no_identity_keyed_allow()
    {
        AllowRequests();
        var root = Json("net-pf-5", "--unknown-requester");
        Assert.True(root.GetProperty("unknownRequester").GetBoolean());
        Assert.Empty(root.GetProperty("capabilities").EnumerateArray());
        var psnap = root.GetProperty("loads").EnumerateArray().Single(l => l.GetProperty("module").GetString() == "psnap");
        Assert.Equal(("denied", $"{_policy}:2"), (psnap.GetProperty("result").GetString(), psnap.GetProperty("rule").GetString()));
        Assert.Equal(["appletalk"], root.GetProperty("notLoaded").EnumerateArray().Select(m => m.GetString()));

        // the ext4 allow rule is keyed on CAP_SYS_ADMIN: never for an unknown requester, so default deny refuses ext4
        var ext4 = Json("fs-ext4", "--module", "ext4", "--unknown-requester");
        Assert.Equal("deny", ext4.GetProperty("decision").GetString());
        Assert.Equal(JsonValueKind.Null, ext4.GetProperty("loads").ValueKind);
        var human = Simulate("fs-ext4", "--module", "ext4", "--unknown-requester").Stdout;
        Assert.Contains("  caller:  unknown requester (no capabilities; uid=, cap=, cgroup= rules match only when they deny)", human);
        Assert.DoesNotContain("load:", human);
    }

    [Theory]
    [InlineData("--uid", "1000")]
    [InlineData("--cap", "all")]
    [InlineData("--cgroup", "/user.slice")]
    public void Unknown_requester_with_an_identity_is_a_usage_error(string option, string value)
    {
        var result = Simulate("net-pf-5", "--unknown-requester", option, value);
        Assert.Equal((2, $"modgate: --unknown-requester: nobody knows who asked, so {option} cannot be given with it\n"), (result.ExitCode, result.Stderr));
    }

    [Fact]
    public void Loads_are_not_judged_by_the_requesters_per_process_mode_nor_as_explicit()
    {
        File.WriteAllText(_policy, "version 1\ndeny module=* origin=explicit\n");
        var root = Json("net-pf-5", "--process-mode", "privileged", "--cap", "CAP_SYS_MODULE");
        Assert.All(root.GetProperty("loads").EnumerateArray(), l => Assert.Equal("loaded", l.GetProperty("result").GetString()));
    }
}
