using System.Net.Sockets;

namespace Modgate.Enforcement.Audit;

/// <summary>
/// Sends audit records to journald over its native socket (one datagram per record). Where no journald
/// runs (the socket is absent: containers, initramfs) <see cref="IsAvailable"/> is false and the agent
/// relies on audit.jsonl alone; a send that fails is an error the caller counts, never a silent loss.
/// </summary>
public sealed class JournalSink : IDisposable
{
    public const string DefaultSocket = "/run/systemd/journal/socket";

    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly UnixDomainSocketEndPoint _endpoint;

    public JournalSink(string socketPath = DefaultSocket)
    {
        SocketPath = socketPath;
        _endpoint = new UnixDomainSocketEndPoint(socketPath);
    }

    public string SocketPath { get; }

    public bool IsAvailable => File.Exists(SocketPath);

    public void Write(AuditEvent e) => Send(JournalNativeProtocol.Encode(JournalFields.Of(e)));

    internal void Send(byte[] datagram)
    {
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, _endpoint);
        }
        catch (SocketException e)
        {
            // An entry too big for one datagram (EMSGSIZE) would need the memfd form of the protocol; audit
            // records are a few hundred bytes, so that is reported rather than implemented.
            throw new AuditLogException($"{SocketPath}: cannot send audit record to the journal: {e.Message}");
        }
    }

    public void Dispose() => _socket.Dispose();
}
