namespace Modgate.Kernel;

/// <summary>
/// sock_diag asks for its per-family module only once that address family is registered, and inet_diag for
/// its per-protocol module only once that IPv4 protocol is (net/core/sock.c, sock_load_diag_module): a
/// <c>SOCK_DIAG_BY_FAMILY</c> dump for AF_TIPC by itself requests nothing while tipc is not loaded. Measured in
/// the Debian 6.1 guest: as uid 1000, dumps for AF_TIPC and for AF_INET/IPPROTO_DCCP requested only
/// <c>net-pf-16-proto-4-type-2</c> (inet_diag), and loaded neither tipc nor dccp.
/// </summary>
internal static class SockDiagPrerequisite
{
    private const string FamilyPrefix = "net-pf-16-proto-4-type-";

    // Address families registered by code that is always built in, and the built-in module that registers the others.
    private static readonly Dictionary<int, string?> CoreFamilies = new() { [2] = null, [16] = null, [1] = "unix", [10] = "ipv6", [17] = "af_packet" };

    // IPv4 protocols every kernel registers (tcp, udp, udplite, icmp, igmp).
    private static readonly HashSet<int> CoreProtocols = [1, 2, 6, 17, 136];

    private const int IpProtoRaw = 255;
    private const int MaxInetProtos = 256;

    /// <summary>
    /// inet_diag asks for every protocol module as AF_INET (net/ipv4/inet_diag.c): an alias such as
    /// <c>net-pf-16-proto-4-type-10-255</c> is never the string of a request.
    /// </summary>
    public static bool NeverRequested(string request)
    {
        if (!request.StartsWith(FamilyPrefix, StringComparison.Ordinal)) return false;
        var fields = request[FamilyPrefix.Length..].Split('-');
        return fields.Length == 2 && fields[0] != "2";
    }

    /// <summary>The request whose module must be in first, or null when the kernel makes this request unconditionally.</summary>
    public static string? Of(string request, ModuleTree tree)
    {
        if (!request.StartsWith(FamilyPrefix, StringComparison.Ordinal)) return null;
        var fields = request[FamilyPrefix.Length..].Split('-');
        if (fields.Length == 1 && int.TryParse(fields[0], out var family))
        {
            if (CoreFamilies.TryGetValue(family, out var module) && (module is null || tree.IsBuiltin(module))) return null;
            return $"net-pf-{family}";
        }
        if (fields.Length == 2 && int.TryParse(fields[0], out var af) && int.TryParse(fields[1], out var protocol))
        {
            // Only AF_INET protocols are checked; raw and protocols beyond inet_protos[] are requested regardless.
            if (af != 2 || protocol == IpProtoRaw || protocol >= MaxInetProtos || CoreProtocols.Contains(protocol)) return null;
            return $"net-pf-2-proto-{protocol}";
        }
        return null;
    }
}
