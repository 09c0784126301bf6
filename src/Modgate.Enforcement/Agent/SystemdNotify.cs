using System.Net.Sockets;
using System.Text;

namespace Modgate.Enforcement.Agent;

/// <summary>
/// sd_notify(3) for Type=notify: one datagram ("READY=1", "STATUS=…", "STOPPING=1") to the unix socket systemd
/// names in $NOTIFY_SOCKET (a leading '@' is an abstract socket). Written here rather than taken from
/// Microsoft.Extensions.Hosting.Systemd: that package brings the whole generic host (dependency injection,
/// configuration, logging) into a NativeAOT binary for the sake of these few lines (docs/audit.md).
/// Without $NOTIFY_SOCKET (not run by systemd) it does nothing.
/// </summary>
public sealed class SystemdNotify : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endpoint;

    public SystemdNotify(string? socketPath)
    {
        if (string.IsNullOrEmpty(socketPath)) return;
        SocketPath = socketPath;
        _endpoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    public static SystemdNotify FromEnvironment() => new(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    public string? SocketPath { get; }

    /// <summary>Sends "NAME=value" lines; false (with the reason) when the socket refused them.</summary>
    public bool Send(string state, out string? error)
    {
        error = null;
        if (_socket is null) return true;
        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _endpoint!);
            return true;
        }
        catch (SocketException e)
        {
            error = $"cannot notify systemd through {SocketPath}: {e.Message}";
            return false;
        }
    }

    public void Dispose() => _socket?.Dispose();
}
