using Modgate.Bpf.Maps;
using Modgate.Enforcement.Tables;

namespace Modgate.Enforcement.Tests;

/// <summary>Specific translations on the real Debian tree, each checked in the tables themselves.</summary>
public sealed class TableBuilderTests
{
    private static PolicyTables Build(string text) =>
        PolicyTableBuilder.Build(TableTranslationPropertyTests.Compile(text), DebianTree.Catalog, TableTranslationPropertyTests.FakeCgroupIds, "/sbin/modprobe");

    [Fact]
    public void Module_rule_reaches_the_request_strings_of_its_aliases()
    {
        var tables = Build("version 1\ndeny module=n_hdlc\n");
        // tty-ldisc-13 is n_hdlc's alias: the kernel, which sees only the request string, finds rule 0 for it.
        var entry = Assert.Single(tables.Literal, e => e.Table == IndexTable.Autoload && e.Key == "tty_ldisc_13");
        Assert.Equal([0], entry.Candidates);
        Assert.Contains(tables.Literal, e => e.Table == IndexTable.Load && e.Key == "n_hdlc" && e.Candidates.SequenceEqual([0]));
    }

    [Fact]
    public void Prefix_rule_becomes_one_prefix_entry_not_a_list_of_names()
    {
        var tables = Build("version 1\ndeny request=net-pf-*\n");
        var entry = Assert.Single(tables.Prefix, e => e.Table == IndexTable.Autoload);
        Assert.Equal("net_pf_", entry.Key);
        Assert.DoesNotContain(tables.Literal, e => e.Table == IndexTable.Autoload && e.Key.StartsWith("net_pf_", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_after_an_unconditional_rule_is_kept()
    {
        var tables = Build("version 1\naudit module=dummy\ndeny module=dummy\nallow module=dummy\n");
        Assert.Contains(tables.Literal, e => e.Table == IndexTable.Load && e.Key == "dummy" && e.Candidates.SequenceEqual([0, 1]));
    }

    [Fact]
    public void Inner_wildcard_deny_is_approximated_fail_closed_and_reported()
    {
        var tables = Build("version 1\ndeny request=fs-*x\n");
        Assert.Contains(tables.Prefix, e => e.Table == IndexTable.Autoload && e.Key == "fs_");
        Assert.Contains(tables.Approximations, a => a.Contains("'fs_*x' is matched by its literal prefix"));
    }

    [Fact]
    public void Too_many_rules_for_one_string_is_a_clear_error()
    {
        var rules = string.Join('\n', Enumerable.Range(0, MapConstants.MaxCandidates + 1).Select(i => $"audit module=dummy uid={i}"));
        var error = Assert.Throws<TableLimitException>(() => Build($"version 1\n{rules}\n"));
        Assert.StartsWith($"{MapConstants.MaxCandidates + 1} rules can match 'dummy' in the autoload table (the kernel tables hold {MapConstants.MaxCandidates}; first: policy.conf:2)", error.Message);
    }

    [Fact]
    public void Config_carries_modes_default_enforcement_and_modprobe_path()
    {
        var tables = Build("version 1\nautoload privileged\nload off\nunload off\ndefault deny\nenforcement complain\ndeny unload module=dummy\n");
        var c = tables.Config;
        Assert.Equal([KernelMode.Privileged, KernelMode.Off, KernelMode.Off],
            new[] { (KernelMode)c.Mode[(int)KernelVerb.Autoload], (KernelMode)c.Mode[(int)KernelVerb.Load], (KernelMode)c.Mode[(int)KernelVerb.Unload] });
        Assert.Equal(KernelVerdict.Deny, (KernelVerdict)c.DefaultVerdict);
        Assert.Equal(KernelEnforcement.Complain, (KernelEnforcement)c.Enforcement);
        Assert.Equal(MapConstants.ConfigUnloadByName, c.Flags);
        ReadOnlySpan<byte> path = c.ModprobePath;
        Assert.Equal("/sbin/modprobe\0"u8.ToArray(), path[..15].ToArray());
    }
}

/// <summary>A trimmed tree (the guest's): modules.alias names modules that modules.dep lacks.</summary>
public sealed class TrimmedTreeTests
{
    [Fact]
    public void Module_glob_reaches_aliases_of_modules_missing_from_modules_dep()
    {
        var dir = Directory.CreateTempSubdirectory("modgate-trimmed-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "modules.dep"), "kernel/drivers/net/dummy.ko:\n");
            File.WriteAllText(Path.Combine(dir.FullName, "modules.alias"), "alias crypto-twofish-asm twofish_x86_64\nalias rtnl-link-dummy dummy\n");
            File.WriteAllText(Path.Combine(dir.FullName, "modules.builtin"), "");
            var catalog = new KernelRequestCatalog(Modgate.Kernel.ModuleTree.Load(dir.FullName, []));
            Assert.Contains("twofish_x86_64", catalog.ModuleNames);
            var tables = PolicyTableBuilder.Build(TableTranslationPropertyTests.Compile("version 1\ndeny module=twofish*\n"), catalog,
                TableTranslationPropertyTests.FakeCgroupIds, "/sbin/modprobe");
            Assert.Contains(tables.Literal, e => e.Table == IndexTable.Autoload && e.Key == "crypto_twofish_asm" && e.Candidates.SequenceEqual([0]));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
