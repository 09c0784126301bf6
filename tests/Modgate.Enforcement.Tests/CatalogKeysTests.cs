using Modgate.Enforcement.Tables;
using Modgate.Policy;

namespace Modgate.Enforcement.Tests;

/// <summary>What the table builder derives from a module tree is derived once per catalog: a reload resolves nothing again.</summary>
public sealed class CatalogKeysTests
{
    private sealed class CountingCatalog : IRequestCatalog
    {
        public List<string> Resolved { get; } = [];
        public IReadOnlyList<string> ModuleNames { get; } = ["appletalk", "n_hdlc"];
        public IReadOnlyList<(Glob Pattern, string Module)> Aliases { get; } =
            [(new Glob("net_pf_5"), "appletalk"), (new Glob("tty_ldisc_13"), "n_hdlc")];

        public IReadOnlyList<string> Resolve(string request)
        {
            Resolved.Add(request);
            return request switch { "net_pf_5" or "appletalk" => ["appletalk"], "tty_ldisc_13" or "n_hdlc" => ["n_hdlc"], _ => [] };
        }
    }

    private static CompiledPolicy Compile(string text) => PolicyText.Compile(text, "/p");

    [Fact]
    public void The_same_catalog_resolves_each_key_once_across_builds()
    {
        var catalog = new CountingCatalog();
        var first = PolicyTableBuilder.Build(Compile("version 1\ndeny module=n_hdlc\n"), catalog, _ => [], "/sbin/modprobe");
        Assert.Equal(["appletalk", "n_hdlc", "net_pf_5", "tty_ldisc_13"], catalog.Resolved.Order(StringComparer.Ordinal));

        var second = PolicyTableBuilder.Build(Compile("version 1\ndeny module=appletalk\n"), catalog, _ => [], "/sbin/modprobe");
        Assert.Equal(4, catalog.Resolved.Count);
        Assert.Contains(first.Literal, e => e.Key == "tty_ldisc_13");
        Assert.Contains(second.Literal, e => e.Key == "net_pf_5");
    }

    [Fact]
    public void A_literal_request_the_catalog_lacks_is_the_only_key_resolved_anew_and_a_new_catalog_starts_over()
    {
        var catalog = new CountingCatalog();
        PolicyTableBuilder.Build(Compile("version 1\ndeny module=n_hdlc\n"), catalog, _ => [], "/sbin/modprobe");
        var tables = PolicyTableBuilder.Build(Compile("version 1\ndeny request=net-pf-99\n"), catalog, _ => [], "/sbin/modprobe");
        Assert.Equal(["net_pf_99"], catalog.Resolved.Skip(4));
        Assert.Contains(tables.Literal, e => e.Key == "net_pf_99");

        var afterDepmod = new CountingCatalog();
        PolicyTableBuilder.Build(Compile("version 1\ndeny module=n_hdlc\n"), afterDepmod, _ => [], "/sbin/modprobe");
        Assert.Equal(4, afterDepmod.Resolved.Count);
    }
}
