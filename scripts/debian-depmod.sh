#!/usr/bin/env bash
# debian-depmod.sh SERIES
# Indexes the kernel tree of SERIES (scripts/fetch-debian-kernel.sh SERIES) with the depmod of the distribution that
# ships it (fetch-debian-kernel.sh --userland SERIES: trixie's kmod for 6.12 and newest), run through that root's own
# ld.so with --library-path: nothing is installed on this machine. Prints the output root: ROOT/lib/modules/VER holds
# the distribution's modules.*.bin indexes (no modules), for `modprobe -d ROOT -S VER` of the same userland.
# The fetched tree itself keeps the index this machine's depmod wrote; its text files (modules.dep, modules.alias,
# modules.symbols, modules.softdep, modules.devname) are the same, the binary tries are not byte for byte.
# Cache: $MODGATE_CACHE (default ~/.cache/modgate), depmod-<kernel package>-<userland>/, reused while both stay.
set -euo pipefail
series=${1:?usage: debian-depmod.sh SERIES (6.12 or newest)}
here=$(cd "$(dirname "$0")" && pwd)
cache=${MODGATE_CACHE:-$HOME/.cache/modgate}
root=$("$here/fetch-debian-kernel.sh" "$series")
userland=$("$here/fetch-debian-kernel.sh" --userland "$series")
[ -n "$userland" ] || { echo "debian-depmod: $series has no userland of its own (fetch-debian-kernel.sh --userland)" >&2; exit 2; }
version=$(ls "$root/lib/modules")
out=$cache/depmod-$(basename "$root")-$(basename "$userland")
if [ ! -e "$out/.done" ]; then
  rm -rf "$out"; mkdir -p "$out"
  loader=$(find "$userland" -name 'ld-linux-x86-64.so.2' -path '*/lib64/*' -print -quit)
  [ -n "$loader" ] || { echo "debian-depmod: no ld-linux-x86-64.so.2 in $userland" >&2; exit 1; }
  "$loader" --library-path "$userland/usr/lib/x86_64-linux-gnu" --argv0 depmod "$userland/usr/bin/kmod" \
    -b "$root" -o "$out" "$version" >&2
  [ -e "$out/lib/modules/$version/modules.dep.bin" ] || { echo "debian-depmod: depmod wrote no index in $out" >&2; exit 1; }
  touch "$out/.done"
  find "$cache" -maxdepth 1 -name "depmod-$(basename "$root")-*" ! -path "$out" -exec rm -rf {} +
fi
echo "$out"
