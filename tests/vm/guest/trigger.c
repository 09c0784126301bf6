/*
 * trigger: one static guest program that performs, as a chosen identity, each action that makes the
 * kernel autoload, load or unload a module. Guest tests (ours and the enforcement tests) call it and
 * assert on its exit code, its errno name and /sys/module.
 *
 *   trigger [--uid N] [--caps CAP,CAP|none] [--userns] [--netns] [--mountns] [--no-new-privs] ACTION ARGS...
 *
 * Exit codes: 0 the action succeeded ("ok" on stdout); 1 the action's syscall failed (prints
 * "ACTION: errno=ENAME (message)"); 2 usage error; 3 setting up the identity or namespaces failed.
 * See tests/vm/README.md for the actions.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/genetlink.h>
#include <linux/if_alg.h>
#include <linux/if_link.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *action = "trigger";

static int fail_errno(void)
{
    int e = errno;
    const char *name = strerrorname_np(e);
    printf("%s: errno=%s (%s)\n", action, name ? name : "E?", strerror(e));
    return 1;
}

static int usage(const char *msg)
{
    fprintf(stderr, "trigger: %s (see tests/vm/README.md)\n", msg);
    return 2;
}

static int setup_fail(const char *what)
{
    int e = errno;
    const char *name = strerrorname_np(e);
    printf("trigger: setup %s failed: errno=%s (%s)\n", what, name ? name : "E?", strerror(e));
    return 3;
}

static int ok(void)
{
    printf("ok\n");
    return 0;
}

/* ---- names ---------------------------------------------------------------------------------- */

struct named { const char *name; int value; };

static const struct named families[] = {
    {"unix", AF_UNIX}, {"inet", AF_INET}, {"inet6", AF_INET6}, {"appletalk", AF_APPLETALK},
    {"key", AF_KEY}, {"netlink", AF_NETLINK}, {"packet", AF_PACKET}, {"rds", AF_RDS},
    {"can", AF_CAN}, {"tipc", AF_TIPC}, {"bluetooth", AF_BLUETOOTH}, {"rxrpc", AF_RXRPC},
    {"phonet", AF_PHONET}, {"ieee802154", AF_IEEE802154}, {"alg", AF_ALG}, {"nfc", AF_NFC},
    {"vsock", AF_VSOCK}, {"kcm", AF_KCM}, {"qipcrtr", AF_QIPCRTR}, {"smc", AF_SMC},
    {"xdp", AF_XDP}, {"x25", AF_X25}, {"ax25", AF_AX25}, {"ipx", AF_IPX}, {"llc", AF_LLC},
    {"isdn", AF_ISDN}, {"caif", AF_CAIF}, {"mctp", 45}, {NULL, 0}};

static const struct named types[] = {
    {"stream", SOCK_STREAM}, {"dgram", SOCK_DGRAM}, {"raw", SOCK_RAW},
    {"seqpacket", SOCK_SEQPACKET}, {"rdm", SOCK_RDM}, {NULL, 0}};

static const struct named protocols[] = {
    {"sctp", IPPROTO_SCTP}, {"dccp", IPPROTO_DCCP}, {"udplite", IPPROTO_UDPLITE},
    {"mptcp", IPPROTO_MPTCP}, {"can-raw", 1}, {"can-bcm", 2},
    {"can-isotp", 6}, {"can-j1939", 7}, {"pfkeyv2", 2}, {NULL, 0}};

static const struct named capabilities[] = {
    {"CAP_CHOWN", 0}, {"CAP_DAC_OVERRIDE", 1}, {"CAP_DAC_READ_SEARCH", 2}, {"CAP_FOWNER", 3},
    {"CAP_FSETID", 4}, {"CAP_KILL", 5}, {"CAP_SETGID", 6}, {"CAP_SETUID", 7}, {"CAP_SETPCAP", 8},
    {"CAP_LINUX_IMMUTABLE", 9}, {"CAP_NET_BIND_SERVICE", 10}, {"CAP_NET_BROADCAST", 11},
    {"CAP_NET_ADMIN", 12}, {"CAP_NET_RAW", 13}, {"CAP_IPC_LOCK", 14}, {"CAP_IPC_OWNER", 15},
    {"CAP_SYS_MODULE", 16}, {"CAP_SYS_RAWIO", 17}, {"CAP_SYS_CHROOT", 18}, {"CAP_SYS_PTRACE", 19},
    {"CAP_SYS_PACCT", 20}, {"CAP_SYS_ADMIN", 21}, {"CAP_SYS_BOOT", 22}, {"CAP_SYS_NICE", 23},
    {"CAP_SYS_RESOURCE", 24}, {"CAP_SYS_TIME", 25}, {"CAP_SYS_TTY_CONFIG", 26}, {"CAP_MKNOD", 27},
    {"CAP_LEASE", 28}, {"CAP_AUDIT_WRITE", 29}, {"CAP_AUDIT_CONTROL", 30}, {"CAP_SETFCAP", 31},
    {"CAP_MAC_OVERRIDE", 32}, {"CAP_MAC_ADMIN", 33}, {"CAP_SYSLOG", 34}, {"CAP_WAKE_ALARM", 35},
    {"CAP_BLOCK_SUSPEND", 36}, {"CAP_AUDIT_READ", 37}, {"CAP_PERFMON", 38}, {"CAP_BPF", 39},
    {"CAP_CHECKPOINT_RESTORE", 40}, {NULL, 0}};

/* A name from the table (case-insensitive; "CAP_" optional for capabilities) or a number. */
static int lookup(const struct named *table, const char *text, int *out)
{
    char *end;
    long n = strtol(text, &end, 0);
    if (*text && !*end) { *out = (int)n; return 0; }
    for (const struct named *t = table; t->name; t++) {
        if (!strcasecmp(t->name, text) ||
            (!strncmp(t->name, "CAP_", 4) && !strcasecmp(t->name + 4, text))) {
            *out = t->value; return 0;
        }
    }
    return -1;
}

/* ---- identity and namespaces ---------------------------------------------------------------- */

struct identity {
    long uid;            /* -1: stay as we are */
    int caps_given;      /* --caps seen */
    uint64_t caps;       /* capabilities to keep after the uid change */
    int userns, netns, mountns, no_new_privs;
};

static int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    int e = errno;
    close(fd);
    errno = e;
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

static int set_caps(uint64_t caps)
{
    struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2] = {0};
    data[0].effective = data[0].permitted = data[0].inheritable = (uint32_t)caps;
    data[1].effective = data[1].permitted = data[1].inheritable = (uint32_t)(caps >> 32);
    if (syscall(SYS_capset, &hdr, data)) return -1;
    /* Ambient so that the caps survive exec of `run`. */
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)) return -1;
    for (int c = 0; c < 64; c++)
        if ((caps >> c) & 1 && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0)) return -1;
    return 0;
}

static int become(const struct identity *id)
{
    if (id->uid >= 0) {
        if (id->caps_given && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0)) return setup_fail("PR_SET_KEEPCAPS");
        if (setgroups(0, NULL)) return setup_fail("setgroups");
        if (setresgid(id->uid, id->uid, id->uid)) return setup_fail("setresgid");
        if (setresuid(id->uid, id->uid, id->uid)) return setup_fail("setresuid");
    }
    if (id->caps_given && set_caps(id->caps)) return setup_fail("capset");
    /* A uid change makes the task non-dumpable, which gives /proc/self to root: uid_map could not
     * be written and /proc/self/status not read. */
    if (id->uid >= 0 && prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)) return setup_fail("PR_SET_DUMPABLE");
    if (id->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) return setup_fail("PR_SET_NO_NEW_PRIVS");
    int flags = (id->userns ? CLONE_NEWUSER : 0) | (id->netns ? CLONE_NEWNET : 0) |
                (id->mountns ? CLONE_NEWNS : 0);
    if (flags) {
        uid_t uid = getuid(); gid_t gid = getgid();
        if (unshare(flags)) return setup_fail("unshare");
        if (id->userns) {
            char map[64];
            /* Become root of the new namespace, as `unshare -r` does. */
            if (write_file("/proc/self/setgroups", "deny")) return setup_fail("write setgroups");
            snprintf(map, sizeof map, "0 %u 1", uid);
            if (write_file("/proc/self/uid_map", map)) return setup_fail("write uid_map");
            snprintf(map, sizeof map, "0 %u 1", gid);
            if (write_file("/proc/self/gid_map", map)) return setup_fail("write gid_map");
        }
    }
    return 0;
}

/* ---- actions -------------------------------------------------------------------------------- */

static int act_tiocsetd(int argc, char **argv)
{
    if (argc != 1) return usage("tiocsetd LDISC");
    int ldisc = atoi(argv[0]);
    int fd = posix_openpt(O_RDWR | O_NOCTTY);
    if (fd < 0) { action = "tiocsetd: posix_openpt"; return fail_errno(); }
    if (ioctl(fd, TIOCSETD, &ldisc)) return fail_errno();
    return ok();
}

static int act_socket(int argc, char **argv)
{
    int family, type, proto = 0;
    if (argc < 2 || argc > 3) return usage("socket FAMILY TYPE [PROTO]");
    if (lookup(families, argv[0], &family)) return usage("unknown socket family");
    if (lookup(types, argv[1], &type)) return usage("unknown socket type");
    if (argc == 3 && lookup(protocols, argv[2], &proto)) return usage("unknown protocol");
    int fd = socket(family, type, proto);
    if (fd < 0) return fail_errno();
    return ok();
}

static int act_af_alg(int argc, char **argv)
{
    if (argc != 2) return usage("af_alg TYPE NAME");
    struct sockaddr_alg sa = {.salg_family = AF_ALG};
    snprintf((char *)sa.salg_type, sizeof sa.salg_type, "%s", argv[0]);
    snprintf((char *)sa.salg_name, sizeof sa.salg_name, "%s", argv[1]);
    int fd = socket(AF_ALG, SOCK_SEQPACKET, 0);
    if (fd < 0) { action = "af_alg: socket"; return fail_errno(); }
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa)) { action = "af_alg: bind"; return fail_errno(); }
    return ok();
}

/* keyctl(KEYCTL_DH_COMPUTE) with a KDF: the kernel allocates the KDF's hash (crypto_alloc_shash) before it looks at
 * the keys, so a template such as hmac(md4) reaches the crypto manager's kernel thread from any user. The key ids
 * are 0 on purpose: once the hash exists the call fails on them (ENOKEY/EINVAL), which tells the two cases apart. */
static int act_keyctl_dh_kdf(int argc, char **argv)
{
    if (argc != 1) return usage("keyctl-dh-kdf HASH");
    struct { int32_t private_key, prime, base; } params = {0, 0, 0};
    struct { char *hashname; char *otherinfo; uint32_t otherinfolen; uint32_t spare[8]; } kdf = {.hashname = argv[0]};
    char out[64];
    if (syscall(SYS_keyctl, 23 /* KEYCTL_DH_COMPUTE */, &params, out, sizeof out, &kdf) < 0) return fail_errno();
    return ok();
}

static int act_mount(int argc, char **argv)
{
    if (argc < 1 || argc > 3) return usage("mount FSTYPE [SOURCE [TARGET]]");
    const char *source = argc > 1 ? argv[1] : "none";
    const char *target = argc > 2 ? argv[2] : "/mnt";
    if (mount(source, target, argv[0], 0, NULL)) return fail_errno();
    return ok();
}

static int act_open(int argc, char **argv)
{
    if (argc != 1) return usage("open PATH");
    int fd = open(argv[0], O_RDWR);
    if (fd < 0) return fail_errno();
    return ok();
}

/* Sends one request on a new netlink socket of PROTOCOL and reports the kernel's answer. */
static int netlink_request(int protocol, struct nlmsghdr *request)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
    if (fd < 0) { action = "netlink: socket"; return fail_errno(); }
    if (send(fd, request, request->nlmsg_len, 0) < 0) { action = "netlink: send"; return fail_errno(); }
    char buf[8192];
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n < 0) { action = "netlink: recv"; return fail_errno(); }
    struct nlmsghdr *nh = (struct nlmsghdr *)buf;
    if (nh->nlmsg_type == NLMSG_ERROR) {
        struct nlmsgerr *err = NLMSG_DATA(nh);
        if (err->error) { errno = -err->error; return fail_errno(); }
    }
    return ok();
}

/* Appends attribute TYPE with LEN bytes of DATA to the message. */
static void add_attr(struct nlmsghdr *nh, int type, const void *data, size_t len)
{
    struct rtattr *rta = (struct rtattr *)((char *)nh + NLMSG_ALIGN(nh->nlmsg_len));
    rta->rta_type = type;
    rta->rta_len = RTA_LENGTH(len);
    memcpy(RTA_DATA(rta), data, len);
    nh->nlmsg_len = NLMSG_ALIGN(nh->nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

/* Generic netlink CTRL_CMD_GETFAMILY: an unknown family makes the kernel ask for
 * net-pf-16-proto-16-family-NAME (e.g. wireguard). */
static int act_genl_family(int argc, char **argv)
{
    if (argc != 1) return usage("genl-family NAME");
    struct { struct nlmsghdr nh; struct genlmsghdr g; char attrs[256]; } req;
    memset(&req, 0, sizeof req);
    req.nh.nlmsg_type = GENL_ID_CTRL;
    req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    req.nh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
    req.g.cmd = CTRL_CMD_GETFAMILY;
    req.g.version = 1;
    add_attr(&req.nh, CTRL_ATTR_FAMILY_NAME, argv[0], strlen(argv[0]) + 1);
    return netlink_request(NETLINK_GENERIC, &req.nh);
}

/* A netfilter netlink message for subsystem ID: with no such subsystem the kernel asks for
 * nfnetlink-subsys-ID (10 = nf_tables). Needs CAP_NET_ADMIN over the network namespace. */
static int act_nfnl_subsys(int argc, char **argv)
{
    if (argc != 1) return usage("nfnl-subsys ID");
    struct { struct nlmsghdr nh; struct nfgenmsg nf; } req;
    memset(&req, 0, sizeof req);
    req.nh.nlmsg_type = (uint16_t)(atoi(argv[0]) << 8);
    req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    req.nh.nlmsg_len = NLMSG_LENGTH(sizeof req.nf);
    req.nf.nfgen_family = AF_UNSPEC;
    req.nf.version = NFNETLINK_V0;
    return netlink_request(NETLINK_NETFILTER, &req.nh);
}

/* RTM_NEWLINK with IFLA_LINKINFO/IFLA_INFO_KIND: what `ip link add NAME type KIND` sends. */
static int act_link_add(int argc, char **argv)
{
    if (argc < 1 || argc > 2) return usage("link-add KIND [NAME]");
    const char *kind = argv[0], *name = argc > 1 ? argv[1] : "mg0";
    struct { struct nlmsghdr nh; struct ifinfomsg ifi; char attrs[256]; } req;
    memset(&req, 0, sizeof req);
    req.nh.nlmsg_type = RTM_NEWLINK;
    req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
    req.nh.nlmsg_len = NLMSG_LENGTH(sizeof req.ifi);
    req.ifi.ifi_family = AF_UNSPEC;

    add_attr(&req.nh, IFLA_IFNAME, name, strlen(name) + 1);
    /* IFLA_LINKINFO nests IFLA_INFO_KIND. */
    char kind_attr[64];
    struct rtattr *k = (struct rtattr *)kind_attr;
    k->rta_type = IFLA_INFO_KIND;
    k->rta_len = RTA_LENGTH(strlen(kind));
    if (strlen(kind) > sizeof kind_attr - RTA_LENGTH(0)) return usage("link kind too long");
    memcpy(RTA_DATA(k), kind, strlen(kind));
    add_attr(&req.nh, IFLA_LINKINFO, kind_attr, RTA_ALIGN(k->rta_len));
    return netlink_request(NETLINK_ROUTE, &req.nh);
}

/* ioctl(SIOCGIFINDEX) for interface NAME: for a missing interface the kernel asks for netdev-NAME
 * when the caller has CAP_NET_ADMIN, then for NAME itself with CAP_SYS_MODULE (dev_load). */
static int act_netdev(int argc, char **argv)
{
    if (argc != 1) return usage("netdev NAME");
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    if (strlen(argv[0]) >= sizeof ifr.ifr_name) return usage("interface name too long");
    strcpy(ifr.ifr_name, argv[0]);
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) { action = "netdev: socket"; return fail_errno(); }
    if (ioctl(fd, SIOCGIFINDEX, &ifr)) return fail_errno();
    return ok();
}

static int act_tcp_ulp(int argc, char **argv)
{
    if (argc != 1) return usage("tcp-ulp NAME");
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) { action = "tcp-ulp: socket"; return fail_errno(); }
    if (setsockopt(fd, IPPROTO_TCP, TCP_ULP, argv[0], strlen(argv[0]))) return fail_errno();
    return ok();
}

static int act_tcp_cong(int argc, char **argv)
{
    if (argc != 1) return usage("tcp-congestion NAME");
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) { action = "tcp-congestion: socket"; return fail_errno(); }
    if (setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, argv[0], strlen(argv[0]))) return fail_errno();
    return ok();
}

/* Write a file whose first bytes match no binary format and exec it: the kernel asks for
 * binfmt-XXXX (XXXX = bytes 2-3, little endian) because byte 0..3 are not all printable. */
static int act_binfmt(int argc, char **argv)
{
    if (argc != 1) return usage("binfmt PATH");
    static const unsigned char magic[16] = {0x7f, 0x01, 0x34, 0x12};
    int fd = open(argv[0], O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (fd < 0) { action = "binfmt: create"; return fail_errno(); }
    if (write(fd, magic, sizeof magic) != sizeof magic) { action = "binfmt: write"; return fail_errno(); }
    close(fd);
    char *args[] = {argv[0], NULL};
    execv(argv[0], args);
    return fail_errno();
}

static int read_whole(const char *path, void **data, size_t *size)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st)) return -1;
    *data = malloc(st.st_size);
    *size = st.st_size;
    for (size_t done = 0; done < *size;) {
        ssize_t n = read(fd, (char *)*data + done, *size - done);
        if (n <= 0) { if (n == 0) errno = EIO; return -1; }
        done += n;
    }
    close(fd);
    return 0;
}

static int act_init_module(int argc, char **argv)
{
    if (argc < 1 || argc > 2) return usage("init_module FILE [PARAMS]");
    void *image; size_t size;
    if (read_whole(argv[0], &image, &size)) { action = "init_module: read"; return fail_errno(); }
    if (syscall(SYS_init_module, image, size, argc > 1 ? argv[1] : "")) return fail_errno();
    return ok();
}

/* finit_module FILE [PARAMS] [compressed]: compressed passes MODULE_INIT_COMPRESSED_FILE (4), as kmod >= 31 does
 * for a .ko.xz/.ko.zst when the kernel decompresses modules itself. */
static int act_finit_module(int argc, char **argv)
{
    if (argc < 1 || argc > 3) return usage("finit_module FILE [PARAMS] [compressed]");
    int flags = argc > 2 && !strcmp(argv[2], "compressed") ? 4 : 0;
    if (argc > 2 && !flags) return usage("finit_module FILE [PARAMS] [compressed]");
    int fd = open(argv[0], O_RDONLY | O_CLOEXEC);
    if (fd < 0) { action = "finit_module: open"; return fail_errno(); }
    if (syscall(SYS_finit_module, fd, argc > 1 ? argv[1] : "", flags)) return fail_errno();
    return ok();
}

/*
 * elf-mutate KIND IN OUT [NAME]: writes a crafted copy of the module IN to OUT (an attacker's images; the kernel
 * still loads what it finds by its own rules):
 *   section0 NAME  section header 0 (which the kernel never looks at) named ".gnu.linkonce.this_module" and pointing
 *                  at a fake struct module appended to the file whose name is NAME
 *   class32        the ELF class byte says 32-bit (the kernel does not check it)
 * Both drop the module signature (Debian's kernels load unsigned modules, tainting, unless lockdown forbids it).
 */
/* The module signature kbuild appends (struct module_signature, then the marker): a crafted image carries none. */
static void strip_signature(unsigned char *image, size_t *size)
{
    static const char marker[] = "~Module signature appended~\n";
    size_t m = sizeof marker - 1;
    if (*size < m + 12 || memcmp(image + *size - m, marker, m)) return;
    const unsigned char *sig_len = image + *size - m - 4; /* big-endian, last field of struct module_signature */
    size_t len = (size_t)sig_len[0] << 24 | sig_len[1] << 16 | sig_len[2] << 8 | sig_len[3];
    if (len + m + 12 <= *size) *size -= len + m + 12;
}

static int act_elf_mutate(int argc, char **argv)
{
    if (argc < 3) return usage("elf-mutate section0 IN OUT NAME | elf-mutate class32 IN OUT");
    void *image; size_t size;
    action = "elf-mutate";
    if (read_whole(argv[1], &image, &size)) return fail_errno();
    unsigned char *e = image;
    strip_signature(e, &size); /* a changed image no longer matches its signature, which the kernel then rejects */
    size_t out_size = size;
    if (!strcmp(argv[0], "class32") && argc == 3) {
        e[4] = 1;
    } else if (!strcmp(argv[0], "section0") && argc == 4) {
        uint64_t shoff; uint16_t shnum, shstrndx;
        memcpy(&shoff, e + 0x28, 8); memcpy(&shnum, e + 0x3c, 2); memcpy(&shstrndx, e + 0x3e, 2);
        unsigned char *sh = e + shoff, *strtab_sh = sh + 64 * (size_t)shstrndx;
        uint64_t strtab; memcpy(&strtab, strtab_sh + 24, 8);
        uint32_t this_name = 0;
        for (unsigned i = 1; i < shnum; i++) {
            uint32_t n; memcpy(&n, sh + 64 * i, 4);
            if (!strcmp((char *)e + strtab + n, ".gnu.linkonce.this_module")) this_name = n;
        }
        if (!this_name) { errno = ENOENT; return fail_errno(); }
        out_size = size + 1024; /* the fake struct module: name at offset 24 on x86_64 */
        e = image = realloc(image, out_size);
        sh = e + shoff;
        memset(e + size, 0, 1024);
        snprintf((char *)e + size + 24, 56, "%s", argv[3]);
        uint64_t fake = size, fake_size = 1024, flags = 2 /* SHF_ALLOC */;
        memcpy(sh + 0, &this_name, 4);
        memcpy(sh + 8, &flags, 8);
        memcpy(sh + 24, &fake, 8);
        memcpy(sh + 32, &fake_size, 8);
    } else {
        return usage("elf-mutate section0 IN OUT NAME | elf-mutate class32 IN OUT");
    }
    int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, image, out_size) != (ssize_t)out_size) return fail_errno();
    close(fd);
    return ok();
}

/* finit_module on a memfd: no path on any filesystem. */
static int act_memfd_module(int argc, char **argv)
{
    if (argc < 1 || argc > 2) return usage("memfd_module FILE [PARAMS]");
    void *image; size_t size;
    if (read_whole(argv[0], &image, &size)) { action = "memfd_module: read"; return fail_errno(); }
    int fd = memfd_create("module", MFD_CLOEXEC);
    if (fd < 0) { action = "memfd_module: memfd_create"; return fail_errno(); }
    if (write(fd, image, size) != (ssize_t)size) { action = "memfd_module: write"; return fail_errno(); }
    if (syscall(SYS_finit_module, fd, argc > 1 ? argv[1] : "", 0)) return fail_errno();
    return ok();
}

/* The thread `delete_module ... threaded` keeps alive: it blocks reading a pipe nobody writes to, so
 * the process has a second thread (mm_users 2) that could rewrite the name while the syscall runs. */
static void *block_on_pipe(void *fd)
{
    char byte;
    (void)!read(*(int *)fd, &byte, 1);
    return NULL;
}

/* delete_module NAME [trunc] [int80|x32] [threaded] [shared] [unfaulted]: O_NONBLOCK always (as rmmod); trunc adds
 * O_TRUNC (forced); int80 uses the 32-bit entry (syscall 129 there) from this 64-bit binary; x32 the x32
 * ABI (__X32_SYSCALL_BIT | 176; Debian disables x32 unless booted with syscall.x32=y); threaded calls it
 * with a second thread alive; shared puts the name in a MAP_SHARED mapping (another process could
 * rewrite it). The last two exercise modgate's guard against a name rewritten after the check. unfaulted puts the
 * name in a private file mapping nobody has touched: the kernel faults it in, a program that cannot fault cannot read it. */
static int act_delete_module(int argc, char **argv)
{
    if (argc < 1) return usage("delete_module NAME [trunc] [int80|x32] [threaded] [shared] [unfaulted]");
    unsigned flags = O_NONBLOCK;
    int int80 = 0, x32 = 0, threaded = 0, shared = 0, unfaulted = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "trunc")) flags |= O_TRUNC;
        else if (!strcmp(argv[i], "int80")) int80 = 1;
        else if (!strcmp(argv[i], "x32")) x32 = 1;
        else if (!strcmp(argv[i], "threaded")) threaded = 1;
        else if (!strcmp(argv[i], "shared")) shared = 1;
        else if (!strcmp(argv[i], "unfaulted")) unfaulted = 1;
        else return usage("delete_module options: trunc, int80, x32, threaded, shared, unfaulted");
    }
    char *name = argv[0];
    if (unfaulted) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/.trigger-name-%d", (int)getpid());
        int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
        if (fd < 0 || write(fd, argv[0], strlen(argv[0]) + 1) < 0) { action = "delete_module: name file"; return fail_errno(); }
        name = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0); /* never read here: no page table entry yet */
        if (name == MAP_FAILED) { action = "delete_module: mmap"; return fail_errno(); }
        close(fd);
        unlink(path);
    }
    if (int80 || x32 || shared) {
        /* The 32-bit ABIs have 32-bit pointers: the name must live below 4 GiB. */
        int map = (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS | (int80 || x32 ? MAP_32BIT : 0);
        name = mmap(NULL, 4096, PROT_READ | PROT_WRITE, map, -1, 0);
        if (name == MAP_FAILED) { action = "delete_module: mmap"; return fail_errno(); }
        snprintf(name, 4096, "%s", argv[0]);
    }
    int pipe_fds[2];
    pthread_t blocked;
    if (threaded) {
        if (pipe(pipe_fds)) { action = "delete_module: pipe"; return fail_errno(); }
        int e = pthread_create(&blocked, NULL, block_on_pipe, &pipe_fds[0]);
        if (e) { errno = e; action = "delete_module: pthread_create"; return fail_errno(); }
    }
    long rc;
    int failed;
    if (int80) {
        __asm__ volatile("int $0x80" : "=a"(rc) : "a"(129L), "b"(name), "c"((long)flags) : "memory");
        failed = rc < 0;
        if (failed) errno = (int)-rc;
    } else {
        rc = syscall(x32 ? 0x40000000L | SYS_delete_module : SYS_delete_module, name, (long)flags);
        failed = rc != 0;
    }
    int e = errno;
    if (threaded) {
        close(pipe_fds[1]); /* the blocked thread reads EOF and ends */
        pthread_join(blocked, NULL);
    }
    errno = e;
    return failed ? fail_errno() : ok();
}

/* Print the identity the action runs with (for tests of the identity options themselves). */
static int act_id(int argc, char **argv)
{
    (void)argv;
    if (argc != 0) return usage("id");
    char line[256];
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return fail_errno();
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "Uid:", 4) || !strncmp(line, "CapEff:", 7) || !strncmp(line, "CapAmb:", 7) ||
            !strncmp(line, "NoNewPrivs:", 11))
            fputs(line, stdout);
    fclose(f);
    return 0;
}

static int act_run(int argc, char **argv)
{
    if (argc < 1) return usage("run CMD [ARGS...]");
    execvp(argv[0], argv);
    return fail_errno();
}

struct action { const char *name; int (*fn)(int, char **); };
static const struct action actions[] = {
    {"tiocsetd", act_tiocsetd}, {"socket", act_socket}, {"af_alg", act_af_alg},
    {"keyctl-dh-kdf", act_keyctl_dh_kdf},
    {"mount", act_mount}, {"open", act_open}, {"link-add", act_link_add},
    {"netdev", act_netdev}, {"tcp-ulp", act_tcp_ulp}, {"tcp-congestion", act_tcp_cong}, {"binfmt", act_binfmt},
    {"init_module", act_init_module}, {"finit_module", act_finit_module},
    {"memfd_module", act_memfd_module}, {"delete_module", act_delete_module}, {"elf-mutate", act_elf_mutate},
    {"genl-family", act_genl_family}, {"nfnl-subsys", act_nfnl_subsys},
    {"id", act_id}, {"run", act_run}, {NULL, NULL}};

int main(int argc, char **argv)
{
    struct identity id = {.uid = -1};
    int i = 1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
        if (!strcmp(argv[i], "--uid") && i + 1 < argc) id.uid = atol(argv[++i]);
        else if (!strcmp(argv[i], "--caps") && i + 1 < argc) {
            id.caps_given = 1;
            char *list = argv[++i];
            if (strcmp(list, "none"))
                for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
                    int cap;
                    if (lookup(capabilities, tok, &cap)) return usage("unknown capability");
                    id.caps |= 1ULL << cap;
                }
        }
        else if (!strcmp(argv[i], "--userns")) id.userns = 1;
        else if (!strcmp(argv[i], "--netns")) id.netns = 1;
        else if (!strcmp(argv[i], "--mountns")) id.mountns = 1;
        else if (!strcmp(argv[i], "--no-new-privs")) id.no_new_privs = 1;
        else return usage("unknown option");
    }
    if (i >= argc) return usage("no action");
    for (const struct action *a = actions; a->name; a++) {
        if (strcmp(a->name, argv[i])) continue;
        action = a->name;
        int rc = become(&id);
        if (rc) return rc;
        return a->fn(argc - i - 1, argv + i + 1);
    }
    return usage("unknown action");
}
