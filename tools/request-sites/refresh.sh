#!/usr/bin/env bash
# Regenerates data/request-sites.tsv and data/disabled-aliases-sites.tsv from Debian's linux-source-6.1
# (apt-get download; ~140 MB, cached in $MODGATE_CACHE or ~/.cache/modgate). After a refresh, review the
# diff and update data/request-families.tsv and data/disabled-aliases.tsv by hand:
# tests/Modgate.Kernel.Tests/Data/DataTablesTests.cs fails until every new format is reviewed.
# Usage: tools/request-sites/refresh.sh [KERNEL_SOURCE_DIR]   (a source tree you already have skips the download)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../../data
source=${1:-}
if [ -z "$source" ]; then
  cache=${MODGATE_CACHE:-$HOME/.cache/modgate}/linux-source
  mkdir -p "$cache"
  if [ ! -e "$cache/.done" ]; then
    rm -rf "$cache"/*
    (cd "$cache" && apt-get download linux-source-6.1 >&2)
    dpkg -x "$cache"/linux-source-6.1_*.deb "$cache/pkg"
    mkdir -p "$cache/tree"
    tar -xJf "$cache"/pkg/usr/src/linux-source-6.1.tar.xz -C "$cache/tree"
    rm -rf "$cache/pkg" "$cache"/*.deb
    touch "$cache/.done"
  fi
  source=$(echo "$cache"/tree/linux-source-*)
fi
python3 "$here/extract_request_sites.py" "$source" > "$data/request-sites.tsv"
python3 "$here/extract_disabled_aliases.py" "$source" > "$data/disabled-aliases-sites.tsv"
git -C "$data" diff --stat -- request-sites.tsv disabled-aliases-sites.tsv
