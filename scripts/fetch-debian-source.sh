#!/usr/bin/env bash
# fetch-debian-source.sh [SERIES]
# Downloads Debian's kernel source package of SERIES once (the archive's newest: no version is written here) and
# unpacks it; prints the source tree's directory on stdout. Next to the tree, PACKAGE holds "name version suite".
#
# SERIES:
#   6.1     (default) Debian 12: linux-source-6.1 of this machine's apt sources
#   6.12    Debian 13: linux-source-6.12 of trixie + trixie-security
#   newest  the newest linux-source-X.Y of trixie-backports
# Other suites than the machine's are read through fetch-debian-kernel.sh's private apt state (this script sources
# it for private_apt, newest_package and download, and holds its cache lock): the machine's apt sources stay as
# they are. Cache: $MODGATE_CACHE (default ~/.cache/modgate), source-PACKAGE_VERSION/; older versions are removed.
set -euo pipefail
series=${1:-6.1}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=fetch-debian-kernel.sh
source "$here/fetch-debian-kernel.sh" "$series"

case $series in
  6.1) package=$(newest_package '^linux-source-6\.1$') ;;
  6.12) private_apt trixie trixie trixie-security trixie-backports
        package=$(newest_package '^linux-source-6\.12$') ;;
  newest) private_apt trixie trixie trixie-security trixie-backports
          package=$(newest_package '^linux-source-[0-9]+\.[0-9]+$' trixie-backports) ;;
  *) say "unknown source series '$series' (known: 6.1, 6.12, newest)"; exit 2 ;;
esac
[ -n "$package" ] || { say "no linux-source package for $series in the apt sources"; exit 1; }
# The version apt downloads (the candidate) and the suite it comes from: for the provenance line of the tables.
policy=$(apt-cache "${apt_opts[@]}" policy "$package")
version=$(sed -n 's/^ *Candidate: //p' <<<"$policy")
# "     6.12.118-1 500" then "        500 http://deb.debian.org/debian-security trixie-security/main amd64 Packages"
suite=$(awk -v v="$version" '{sub(/^ *[*]{3}/, "")} $1 == v {found=1; next} found && /http/ {sub(/\/.*/, "", $3); print $3; exit}' <<<"$policy")
dir=$cache/source-${package}_$version
if [ ! -e "$dir/.done" ]; then
  say "fetching $package $version ($suite)"
  rm -rf "$dir" "$cache/download"; mkdir -p "$dir/tree"
  download "$cache/download" "$package"
  dpkg -x "$cache"/download/"$package"_*.deb "$dir/pkg"
  tar -xJf "$dir"/pkg/usr/src/"$package".tar.xz -C "$dir/tree"
  rm -rf "$dir/pkg" "$cache/download"
  touch "$dir/.done"
  find "$cache" -maxdepth 1 -name "source-${package}_*" ! -path "$dir" -exec rm -rf {} +
fi
echo "$package $version $suite" > "$dir/PACKAGE"
tree=$(echo "$dir"/tree/linux-source-*)
[ -d "$tree" ] || { say "no linux-source-* directory in $dir/tree"; exit 1; }
echo "$tree"
