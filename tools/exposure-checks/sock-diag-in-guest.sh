#!/usr/bin/env bash
# Checks in the QEMU guest (tests/vm) what docs/exposure.md says about sock_diag, tipc, dccp and rds:
# as uid 1000 with no capabilities, a SOCK_DIAG_BY_FAMILY dump for AF_TIPC and one for AF_INET/IPPROTO_DCCP,
# then socket(AF_RDS); prints the module requests the kernel made and which of the modules got loaded.
# Expected on Debian 6.1: requests "net-pf-16-proto-4-type-2" and "net-pf-21" only; none of tipc, diag, dccp,
# dccp_diag, rds loaded. Usage: tools/exposure-checks/sock-diag-in-guest.sh   (no root; never touches this kernel)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
root=$(scripts/fetch-debian-kernel.sh)
version=$(ls "$root/lib/modules")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
gcc -static -O2 -o "$work/sockdiag" "$here/sockdiag.c"
cat > "$work/check.sh" <<'GUEST'
. /usr/lib/modgate-vm/lib.sh
log_requests
trigger --uid 1000 --caps none run /vm/extra/sockdiag 30
trigger --uid 1000 --caps none run /vm/extra/sockdiag 2 33
trigger --uid 1000 --caps none socket rds seqpacket
echo "requests: $(tr '\n' '|' < /run/modprobe-requests.log)"
echo "loaded: $(for m in tipc diag dccp dccp_diag rds; do is_loaded $m && echo -n "$m "; done)"
GUEST
# The guest initramfs carries only tests/vm/modules.list; add the modules this check could load.
adds=()
for f in kernel/net/tipc/tipc.ko kernel/net/tipc/diag.ko kernel/net/ipv4/udp_tunnel.ko kernel/net/ipv6/ip6_udp_tunnel.ko \
         kernel/net/dccp/dccp.ko kernel/net/dccp/dccp_diag.ko kernel/net/ipv4/inet_diag.ko kernel/net/rds/rds.ko; do
  adds+=(--add "$root/lib/modules/$version/$f:/lib/modules/$version/$f")
done
MODGATE_VM_ARTIFACTS=$work/artifacts tests/vm/run.sh --no-modgate --add "$work/sockdiag:/vm/extra/sockdiag" "${adds[@]}" \
  --script "$work/check.sh" | grep -E '^(sockdiag|socket:|requests:|loaded:)'
