/* agent-helper: what the guest tests of `modgate agent` (tests/vm/tests/agent/) need besides busybox.
 *
 *   agent-helper notify-listen SOCKET SECONDS
 *       Plays systemd's side of sd_notify: binds a unix datagram socket at SOCKET and prints every
 *       datagram it receives, one "notify: ..." line each (newlines inside shown as '|'); exits 0 after
 *       a datagram with the line READY=1, 1 when SECONDS pass without one.
 *   agent-helper burst N
 *       Asks the kernel N times for the n_hdlc line discipline (ioctl TIOCSETD 13 on one pty): under a
 *       policy that denies it, N denied autoloads, as fast as one process can ask. Prints
 *       "burst: N requests, E EINVAL, O other" and exits 0 when every request failed with EINVAL.
 *
 * Static, like trigger: the guest has no C library besides what busybox needs. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int notify_listen(const char *path, int seconds)
{
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (fd < 0 || strlen(path) >= sizeof addr.sun_path) {
        perror("notify-listen: socket");
        return 2;
    }
    strcpy(addr.sun_path, path);
    unlink(path);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("notify-listen: bind");
        return 2;
    }
    chmod(path, 0666);
    time_t deadline = time(NULL) + seconds;
    for (;;) {
        int left = (int)(deadline - time(NULL));
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (left <= 0 || poll(&p, 1, left * 1000) <= 0) {
            printf("notify: no READY=1 within %d s\n", seconds);
            return 1;
        }
        char buf[4097];
        ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
        if (n < 0) continue;
        buf[n] = 0;
        int ready = 0;
        for (char *line = buf, *end; line; line = end ? end + 1 : NULL) {
            end = strchr(line, '\n');
            if (end) *end = '|';
            if (!strncmp(line, "READY=1", 7) && (line[7] == 0 || line[7] == '|')) ready = 1;
        }
        printf("notify: %s\n", buf);
        fflush(stdout);
        if (ready) return 0;
    }
}

static int burst(long n)
{
    int pty = posix_openpt(O_RDWR | O_NOCTTY);
    if (pty < 0) {
        perror("burst: posix_openpt");
        return 2;
    }
    long einval = 0, other = 0;
    for (long i = 0; i < n; i++) {
        int ldisc = 13; /* N_HDLC */
        if (ioctl(pty, TIOCSETD, &ldisc) == 0) other++;
        else if (errno == EINVAL) einval++;
        else other++;
    }
    printf("burst: %ld requests, %ld EINVAL, %ld other\n", n, einval, other);
    return einval == n ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "notify-listen")) return notify_listen(argv[2], atoi(argv[3]));
    if (argc == 3 && !strcmp(argv[1], "burst")) return burst(atol(argv[2]));
    fprintf(stderr, "usage: agent-helper notify-listen SOCKET SECONDS | agent-helper burst N\n");
    return 2;
}
