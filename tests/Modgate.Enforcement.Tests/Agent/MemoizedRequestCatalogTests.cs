using Modgate.Enforcement.Agent;
using Modgate.Enforcement.Tables;
using Modgate.Policy;

namespace Modgate.Enforcement.Tests.Agent;

public sealed class MemoizedRequestCatalogTests
{
    private sealed class CountingCatalog : IRequestCatalog
    {
        public int Resolutions;
        public IReadOnlyList<string> ModuleNames { get; } = ["n_hdlc"];
        public IReadOnlyList<(Glob Pattern, string Module)> Aliases { get; } = [];

        public IReadOnlyList<string> Resolve(string request)
        {
            Resolutions++;
            return request == "tty_ldisc_13" ? ["n_hdlc"] : [];
        }
    }

    [Fact]
    public void Each_request_is_resolved_once_and_answers_stay_the_same()
    {
        var inner = new CountingCatalog();
        var catalog = new MemoizedRequestCatalog(inner);

        Assert.Equal(["n_hdlc"], catalog.Resolve("tty_ldisc_13"));
        Assert.Equal(["n_hdlc"], catalog.Resolve("tty_ldisc_13"));
        Assert.Empty(catalog.Resolve("net_pf_5"));
        Assert.Empty(catalog.Resolve("net_pf_5"));

        Assert.Equal(2, inner.Resolutions);
        Assert.Same(inner.ModuleNames, catalog.ModuleNames);
    }
}
