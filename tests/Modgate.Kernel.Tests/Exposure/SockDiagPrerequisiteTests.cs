namespace Modgate.Kernel.Tests;

/// <summary>Which sock_diag requests the kernel makes only once another module is in (net/core/sock.c, sock_load_diag_module).</summary>
public sealed class SockDiagPrerequisiteTests
{
    [Theory]
    [InlineData("net-pf-16-proto-4-type-30", "net-pf-30")]          // AF_TIPC: only once tipc registered it
    [InlineData("net-pf-16-proto-4-type-2-33", "net-pf-2-proto-33")] // DCCP: only once dccp registered it
    [InlineData("net-pf-16-proto-4-type-2-132", "net-pf-2-proto-132")]
    [InlineData("net-pf-16-proto-4-type-2", null)]                   // AF_INET is always there
    [InlineData("net-pf-16-proto-4-type-16", null)]                  // so is AF_NETLINK
    [InlineData("net-pf-16-proto-4-type-2-6", null)]                 // and TCP
    [InlineData("net-pf-16-proto-4-type-2-255", null)]               // raw is requested regardless
    [InlineData("net-pf-16-proto-4-type-2-262", null)]               // beyond inet_protos[]: not checked
    [InlineData("net-pf-16-proto-4-type-10", null)]                  // ipv6 is built in here
    [InlineData("net-pf-16-proto-4-type-17", "net-pf-17")]           // af_packet is a module here
    [InlineData("net-pf-5", null)]
    public void Prerequisite(string request, string? expected)
    {
        using var t = new SyntheticTree();
        t.With("modules.dep", "kernel/net/packet/af_packet.ko:\n").With("modules.alias", "").With("modules.builtin", "kernel/net/ipv6/ipv6.ko\n");
        Assert.Equal(expected, SockDiagPrerequisite.Of(request, t.Load()));
    }

    [Theory]
    [InlineData("net-pf-16-proto-4-type-10-255", true)]
    [InlineData("net-pf-16-proto-4-type-2-255", false)]
    [InlineData("net-pf-16-proto-4-type-10", false)]
    [InlineData("net-pf-10", false)]
    public void Inet_diag_asks_for_protocol_modules_as_af_inet_only(string request, bool never) =>
        Assert.Equal(never, SockDiagPrerequisite.NeverRequested(request));
}
