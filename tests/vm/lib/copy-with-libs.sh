#!/usr/bin/env bash
# copy-with-libs.sh DEST_ROOT FILE...
# Copies each FILE (an executable or shared library) to the same path under DEST_ROOT, with the
# shared libraries it needs (its `ldd` closure, including the dynamic loader).
set -euo pipefail
dest=$1; shift
copy() { mkdir -p "$dest$(dirname "$1")"; cp -L "$1" "$dest$1"; }
for file in "$@"; do
  copy "$file"
  # "libx.so.1 => /lib/x/libx.so.1 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"; static files print "not a dynamic executable".
  { ldd "$file" 2>/dev/null || true; } | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
    while read -r lib; do copy "$lib"; done
done
