#!/usr/bin/env bash
# Regenerates vmlinux.h from the BTF of the Debian 6.1 guest kernel (scripts/fetch-debian-kernel.sh): the vmlinuz
# is decompressed (xz payload, as the kernel's scripts/extract-vmlinux finds it) and host bpftool dumps its BTF.
# Reads files only; nothing runs against the build machine's kernel.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$("$here/../../../scripts/fetch-debian-kernel.sh")
vmlinuz=$(ls "$root"/boot/vmlinuz-*)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$vmlinuz" "$work/vmlinux" <<'PY'
import lzma, sys
data = open(sys.argv[1], 'rb').read()
start = data.find(b'\xfd7zXZ\x00')
if start < 0: sys.exit("no xz payload in " + sys.argv[1])
open(sys.argv[2], 'wb').write(lzma.LZMADecompressor().decompress(data[start:]))
PY
bpftool btf dump file "$work/vmlinux" format c > "$here/vmlinux.h"
echo "wrote $here/vmlinux.h from $vmlinuz"
