namespace Modgate.Kernel.Tests;

/// <summary>
/// depmod writes modules.symbols.bin keys as they are, unlike modules.alias.bin (normalized), while kmod normalizes the
/// request: a symbol key with a dash never matches. 7.x trees have such keys ("symbol:module:kvm-amd", the namespace of
/// an EXPORT_SYMBOL_FOR_MODULES read as a symbol); the differential test against trixie's kmod on the newest tree found them.
/// </summary>
public sealed class SymbolAliasTests : IDisposable
{
    private readonly SyntheticTree _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void A_symbol_key_is_matched_as_depmod_wrote_it_against_the_normalized_request()
    {
        _t.With("modules.dep", "kernel/a/ccp.ko:\nkernel/a/kvm.ko:\nkernel/a/foo.ko:\n")
          .With("modules.symbols", "alias symbol:module:kvm-amd ccp\nalias symbol:module:kvm-amd,kvm-intel kvm\nalias symbol:foo_bar foo\n");
        var resolver = new AliasResolver(_t.Load());
        Assert.Empty(resolver.Resolve("symbol:module:kvm-amd"));
        Assert.Empty(resolver.Resolve("symbol:module:kvm_amd,kvm_intel"));
        Assert.Equal(["foo"], resolver.Resolve("symbol:foo_bar"));
        Assert.Equal(["foo"], resolver.Resolve("symbol:foo-bar"));
    }
}
