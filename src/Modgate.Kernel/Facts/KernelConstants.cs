namespace Modgate.Kernel;

/// <summary>
/// Names of the numbers that appear in request strings, from the 6.1 uapi headers (linux/socket.h,
/// linux/netlink.h, linux/in.h, linux/net.h, linux/tty.h, linux/can.h, net/bluetooth/bluetooth.h, linux/if_pppox.h),
/// so a trigger reads <c>socket(AF_APPLETALK, …)</c> rather than <c>socket(5, …)</c>.
/// </summary>
public static class KernelConstants
{
    private static readonly string[] AddressFamilies =
    [
        "AF_UNSPEC", "AF_UNIX", "AF_INET", "AF_AX25", "AF_IPX", "AF_APPLETALK", "AF_NETROM", "AF_BRIDGE", "AF_ATMPVC", "AF_X25",
        "AF_INET6", "AF_ROSE", "AF_DECnet", "AF_NETBEUI", "AF_SECURITY", "AF_KEY", "AF_NETLINK", "AF_PACKET", "AF_ASH", "AF_ECONET",
        "AF_ATMSVC", "AF_RDS", "AF_SNA", "AF_IRDA", "AF_PPPOX", "AF_WANPIPE", "AF_LLC", "AF_IB", "AF_MPLS", "AF_CAN",
        "AF_TIPC", "AF_BLUETOOTH", "AF_IUCV", "AF_RXRPC", "AF_ISDN", "AF_PHONET", "AF_IEEE802154", "AF_CAIF", "AF_ALG", "AF_NFC",
        "AF_VSOCK", "AF_KCM", "AF_QIPCRTR", "AF_SMC", "AF_XDP", "AF_MCTP",
    ];

    private static readonly Dictionary<int, string> Netlink = new()
    {
        [0] = "NETLINK_ROUTE", [2] = "NETLINK_USERSOCK", [4] = "NETLINK_SOCK_DIAG", [5] = "NETLINK_NFLOG", [6] = "NETLINK_XFRM",
        [7] = "NETLINK_SELINUX", [8] = "NETLINK_ISCSI", [9] = "NETLINK_AUDIT", [10] = "NETLINK_FIB_LOOKUP", [11] = "NETLINK_CONNECTOR",
        [12] = "NETLINK_NETFILTER", [13] = "NETLINK_IP6_FW", [14] = "NETLINK_DNRTMSG", [15] = "NETLINK_KOBJECT_UEVENT",
        [16] = "NETLINK_GENERIC", [18] = "NETLINK_SCSITRANSPORT", [19] = "NETLINK_ECRYPTFS", [20] = "NETLINK_RDMA", [21] = "NETLINK_CRYPTO",
        [22] = "NETLINK_SMC",
    };

    private static readonly Dictionary<int, string> IpProtocols = new()
    {
        [0] = "0", [1] = "IPPROTO_ICMP", [2] = "IPPROTO_IGMP", [4] = "IPPROTO_IPIP", [6] = "IPPROTO_TCP", [17] = "IPPROTO_UDP",
        [33] = "IPPROTO_DCCP", [41] = "IPPROTO_IPV6", [47] = "IPPROTO_GRE", [50] = "IPPROTO_ESP", [51] = "IPPROTO_AH",
        [58] = "IPPROTO_ICMPV6", [103] = "IPPROTO_PIM", [108] = "IPPROTO_COMP", [115] = "IPPROTO_L2TP", [132] = "IPPROTO_SCTP",
        [136] = "IPPROTO_UDPLITE", [137] = "IPPROTO_MPLS", [255] = "IPPROTO_RAW", [262] = "IPPROTO_MPTCP",
    };

    private static readonly Dictionary<int, string> SocketTypes = new()
    {
        [1] = "SOCK_STREAM", [2] = "SOCK_DGRAM", [3] = "SOCK_RAW", [4] = "SOCK_RDM", [5] = "SOCK_SEQPACKET", [6] = "SOCK_DCCP", [10] = "SOCK_PACKET",
    };

    private static readonly Dictionary<int, string> LineDisciplines = new()
    {
        [0] = "N_TTY", [1] = "N_SLIP", [2] = "N_MOUSE", [3] = "N_PPP", [4] = "N_STRIP", [5] = "N_AX25", [6] = "N_X25", [7] = "N_6PACK",
        [8] = "N_MASC", [9] = "N_R3964", [10] = "N_PROFIBUS_FDL", [11] = "N_IRDA", [12] = "N_SMSBLOCK", [13] = "N_HDLC",
        [14] = "N_SYNC_PPP", [15] = "N_HCI", [16] = "N_GIGASET_M101", [17] = "N_SLCAN", [18] = "N_PPS", [19] = "N_V253",
        [20] = "N_CAIF", [21] = "N_GSM0710", [22] = "N_TI_WL", [23] = "N_TRACESINK", [24] = "N_TRACEROUTER", [25] = "N_NCI",
        [26] = "N_SPEAKUP", [27] = "N_NULL", [28] = "N_MCTP", [29] = "N_DEVELOPMENT", [30] = "N_CAN327",
    };

    private static readonly Dictionary<int, string> CanProtocols = new()
    {
        [1] = "CAN_RAW", [2] = "CAN_BCM", [3] = "CAN_TP16", [4] = "CAN_TP20", [5] = "CAN_MCNET", [6] = "CAN_ISOTP", [7] = "CAN_J1939",
    };

    private static readonly Dictionary<int, string> BluetoothProtocols = new()
    {
        [0] = "BTPROTO_L2CAP", [1] = "BTPROTO_HCI", [2] = "BTPROTO_SCO", [3] = "BTPROTO_RFCOMM", [4] = "BTPROTO_BNEP",
        [5] = "BTPROTO_CMTP", [6] = "BTPROTO_HIDP", [7] = "BTPROTO_AVDTP", [8] = "BTPROTO_ISO",
    };

    private static readonly Dictionary<int, string> PppoxProtocols = new()
    {
        [0] = "PX_PROTO_OE", [1] = "PX_PROTO_OL2TP", [2] = "PX_PROTO_PPTP",
    };

    /// <summary>The name of <paramref name="value"/> as a constant of <paramref name="kind"/>; the number itself when unknown.</summary>
    public static string Name(string kind, string value)
    {
        if (!int.TryParse(value, out var n)) return value;
        return kind switch
        {
            "af" when n >= 0 && n < AddressFamilies.Length => AddressFamilies[n],
            "netlink" => Netlink.GetValueOrDefault(n, value),
            "ipproto" => IpProtocols.GetValueOrDefault(n, value),
            "socktype" => SocketTypes.GetValueOrDefault(n, value),
            "ldisc" => LineDisciplines.GetValueOrDefault(n, value),
            "canproto" => CanProtocols.GetValueOrDefault(n, value),
            "btproto" => BluetoothProtocols.GetValueOrDefault(n, value),
            "pppox" => PppoxProtocols.GetValueOrDefault(n, value),
            _ => value,
        };
    }
}
