using System.Net.Sockets;
using System.Text;
using Modgate.Enforcement.Agent;

namespace Modgate.Enforcement.Tests.Agent;

public sealed class SystemdNotifyTests
{
    private static string Receive(Socket listener)
    {
        var buffer = new byte[256];
        return Encoding.UTF8.GetString(buffer, 0, listener.Receive(buffer));
    }

    [Fact]
    public void An_abstract_socket_is_named_with_a_leading_at_sign_as_systemd_does()
    {
        var name = $"modgate-notify-test-{Guid.NewGuid():N}";
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { ReceiveTimeout = 5000 };
        listener.Bind(new UnixDomainSocketEndPoint("\0" + name));
        using var notify = new SystemdNotify("@" + name);

        Assert.True(notify.Send("READY=1\nSTATUS=applied generation 1", out var error));
        Assert.Null(error);
        Assert.Equal("READY=1\nSTATUS=applied generation 1", Receive(listener));
    }

    [Fact]
    public void Without_NOTIFY_SOCKET_nothing_is_sent_and_a_dead_socket_is_an_error_naming_it()
    {
        using var none = new SystemdNotify(null);
        Assert.True(none.Send("READY=1", out var noError));
        Assert.Null(noError);

        var path = Path.Combine(Path.GetTempPath(), $"modgate-notify-{Guid.NewGuid():N}");
        using var dead = new SystemdNotify(path);
        Assert.False(dead.Send("READY=1", out var error));
        Assert.StartsWith($"cannot notify systemd through {path}: ", error);
    }
}
