/* sockdiag FAMILY [PROTOCOL]: one SOCK_DIAG_BY_FAMILY dump request, as the calling user. */
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/inet_diag.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    if (argc < 2) return 2;
    int fd = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_SOCK_DIAG);
    if (fd < 0) { perror("socket"); return 1; }
    struct { struct nlmsghdr nlh; struct inet_diag_req_v2 req; } msg;
    memset(&msg, 0, sizeof msg);
    msg.nlh.nlmsg_len = sizeof msg;
    msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    msg.req.sdiag_family = atoi(argv[1]);
    msg.req.sdiag_protocol = argc > 2 ? atoi(argv[2]) : 0;
    msg.req.idiag_states = ~0u;
    struct sockaddr_nl nl = {.nl_family = AF_NETLINK};
    if (sendto(fd, &msg, sizeof msg, 0, (struct sockaddr *)&nl, sizeof nl) < 0) { perror("sendto"); return 1; }
    char buf[8192];
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    printf("sockdiag %s %s: recv %zd\n", argv[1], argc > 2 ? argv[2] : "-", n);
    return 0;
}
