#!/usr/bin/env bash
# Downloads Debian's linux-image-6.1.0-*-amd64-unsigned package once, extracts it with its module
# tree and runs depmod, so tests have a real Debian kernel and module tree.
# Prints the extracted root (ROOT/boot/vmlinuz-VER, ROOT/lib/modules/VER) on stdout.
# Cache: $MODGATE_CACHE (default ~/.cache/modgate); reused between runs.
set -euo pipefail
cache=${MODGATE_CACHE:-$HOME/.cache/modgate}
mkdir -p "$cache"
exec 9>"$cache/.kernel.lock"; flock 9    # tests and the VM harness may ask at the same time
pkg=$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64-unsigned$' | awk '{print $1}' | sort -V | tail -n1)
[ -n "$pkg" ] || { echo "fetch-debian-kernel: no linux-image-6.1.0-*-amd64-unsigned in apt sources (run apt-get update)" >&2; exit 1; }
root=$cache/$pkg
if [ ! -e "$root/.done" ]; then
  rm -rf "$root" "$cache/download"; mkdir -p "$cache/download" "$root"
  (cd "$cache/download" && apt-get download "$pkg" >&2)
  dpkg -x "$cache"/download/*.deb "$root"
  ver=$(ls "$root/lib/modules")
  depmod -b "$root" "$ver"
  rm -rf "$cache/download"
  touch "$root/.done"
fi
echo "$root"
