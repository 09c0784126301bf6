#!/usr/bin/env bash
# The main job of modgate: on the module tree of Debian 13's kernel (6.12, Debian's stable release), validate a
# policy, see what it decides for the requests attackers use and the autoload attack surface it closes; then
# enforce it with BPF LSM in a QEMU guest booting that kernel with trixie's kmod.
# Nothing here touches the kernel of this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
dotnet build src/Modgate.Cli -c Release -v q -nologo >/dev/null
modgate() { dotnet src/Modgate.Cli/bin/Release/net10.0/modgate.dll "$@"; }
series=6.12
tree=$(./scripts/fetch-debian-kernel.sh "$series")/lib/modules
tree=$tree/$(ls "$tree")

step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "$2"; }

step "Validate a policy (errors would print as FILE:LINE:COL)" "modgate check examples/modautorestrict.conf"
modgate check examples/modautorestrict.conf

step "A broken policy: every error with its position, exit 2" "modgate check <broken policy>"
broken=$(mktemp --suffix=.conf)
printf 'autoload sometimes\nload privileged\ndeny uid=5-2 cap=CAP_NET_ADMN\n' >"$broken"
modgate check "$broken" || echo "(exit $?)"
rm -f "$broken"

for request in tty-ldisc-13 net-pf-5 can-proto-2 net-pf-2-proto-132 fs-hfs netdev-eth0; do
  step "uid 1000 asks the kernel for '$request' under autoload privileged" \
       "modgate simulate autoload $request --uid 1000 --policy examples/modautorestrict.conf --kernel-tree …"
  modgate simulate autoload "$request" --uid 1000 --policy examples/modautorestrict.conf --kernel-tree "$tree"
done

step "CAP_NET_ADMIN may still autoload network devices (the built-in netdev grant)" \
     "modgate simulate autoload netdev-eth0 --uid 1000 --cap CAP_NET_ADMIN --policy examples/modautorestrict.conf"
modgate simulate autoload netdev-eth0 --uid 1000 --cap CAP_NET_ADMIN --policy examples/modautorestrict.conf --kernel-tree "$tree"

step "A per-process 'off' (modgate exec --autoload=off) stops even root" \
     "modgate simulate autoload tty-ldisc-13 --cap all --process-mode off"
modgate simulate autoload tty-ldisc-13 --cap all --process-mode off --policy examples/server.conf --kernel-tree "$tree"

step "The server policy denies n_hdlc by module name, for root too: the alias table turns the request into the module" \
     "modgate simulate autoload tty-ldisc-13 --cap all --policy examples/server.conf"
modgate simulate autoload tty-ldisc-13 --cap all --policy examples/server.conf --kernel-tree "$tree"

if modgate --help | grep -q '^  exposure'; then
  step "The autoload attack surface of this Debian kernel, and what the policy leaves open" \
       "modgate exposure --kernel-tree … --policy examples/modautorestrict.conf --sort cves | head -n 20"
  # Through head, exposure writes to a pipe, which gets 80 columns: give it this terminal's width instead.
  columns=80; if [ -t 1 ]; then columns=$(tput cols 2>/dev/null || echo 80); fi
  COLUMNS=$columns modgate exposure --kernel-tree "$tree" --policy examples/modautorestrict.conf --sort cves | head -n 20
fi

step "Now for real: the same policy enforced by BPF LSM in a QEMU guest booting Debian 13's $series kernel" \
     "tests/vm/run.sh --kernel $series --script scripts/demo-guest.sh"
# The guest's console also carries kernel messages; show the script's own output.
tests/vm/run.sh --kernel "$series" --script scripts/demo-guest.sh 2>&1 | sed -n '/^=== begin script/,/^=== end script/p' | grep -v '^\[ *[0-9.]*\] '
