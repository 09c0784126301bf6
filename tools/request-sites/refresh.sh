#!/usr/bin/env bash
# Regenerates the request_module call sites of Debian's kernel sources:
#   data/request-sites.tsv         linux-source-6.12 (Debian 13: the primary table)
#   data/request-sites-6.1.tsv     linux-source-6.1 (Debian 12)
#   data/request-sites-newest.tsv  the newest linux-source-X.Y of trixie-backports
# and data/disabled-aliases-sites.tsv from the 6.1 source (data/disabled-aliases.tsv was reviewed from it). Each
# request table starts with a comment naming the package and version it was made from. Sources come from
# scripts/fetch-debian-source.sh (apt-get download, ~150 MB each, cached in $MODGATE_CACHE or ~/.cache/modgate; other
# suites through a private apt state). A run takes a minute or more per source (call_context.py reads every
# directory that holds a call site).
# After a refresh, review the diff and update data/request-families.tsv (family, privilege, context, kernels) and
# data/disabled-aliases.tsv by hand: tests/Modgate.Kernel.Tests/Data/DataTablesTests.cs fails until every new
# format, context and kernel is reviewed.
# Usage: tools/request-sites/refresh.sh [SERIES…]   (default: 6.12 6.1 newest)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../../data
fetch=$here/../../scripts/fetch-debian-source.sh
for series in "${@:-6.12 6.1 newest}"; do
  for s in $series; do
    case $s in
      6.12) table=request-sites.tsv ;;
      6.1) table=request-sites-6.1.tsv ;;
      newest) table=request-sites-newest.tsv ;;
      *) echo "refresh.sh: unknown series '$s' (known: 6.12, 6.1, newest)" >&2; exit 2 ;;
    esac
    source=$("$fetch" "$s")
    read -r package version suite < "$source/../../PACKAGE"
    {
      echo "# $package $version ($suite), by tools/request-sites/extract_request_sites.py"
      python3 "$here/extract_request_sites.py" "$source"
    } > "$data/$table.new"
    mv "$data/$table.new" "$data/$table"
    if [ "$s" = 6.1 ]; then
      python3 "$here/extract_disabled_aliases.py" "$source" > "$data/disabled-aliases-sites.tsv"
    fi
  done
done
git -C "$data" diff --stat -- 'request-sites*.tsv' disabled-aliases-sites.tsv
