#!/usr/bin/env bash
# fetch-debian-kernel.sh [SERIES]
# Downloads a Debian linux-image-SERIES.0-*-amd64-unsigned package once (the newest the archive has),
# extracts it with its module tree and runs depmod, so tests have a real Debian kernel and module tree.
# SERIES: 6.1 (default; bookworm, from this machine's apt sources) or 5.10 (bullseye and
# bullseye-security, read through a private apt state in the cache: the machine's sources stay as they are).
# Prints the extracted root (ROOT/boot/vmlinuz-VER, ROOT/lib/modules/VER) on stdout.
# Cache: $MODGATE_CACHE (default ~/.cache/modgate); reused between runs.
set -euo pipefail
series=${1:-6.1}
cache=${MODGATE_CACHE:-$HOME/.cache/modgate}
mkdir -p "$cache"
exec 9>"$cache/.kernel.lock"; flock 9    # tests and the VM harness may ask at the same time

apt_opts=()
case $series in
  6.1) ;;
  5.10)
    # bullseye is not in bookworm's sources: a private sources.list, lists and archive cache (signatures are
    # checked against Debian's archive keyring as usual). The lists are refreshed once a day.
    apt_dir=$cache/apt-bullseye
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial"
    cat > "$apt_dir/sources.list" <<'SOURCES'
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bullseye main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security bullseye-security main
SOURCES
    apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/nonexistent
              -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir" -o Dir::State::Status=/dev/null
              -o APT::Architecture=amd64 -o Acquire::Languages=none
              -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false -o Debug::NoLocking=1)
    if [ -z "$(find "$apt_dir/lists" -maxdepth 1 -name '*_Packages*' -mtime -1 2>/dev/null)" ]; then
      apt-get "${apt_opts[@]}" -q update >&2 ||
        { echo "fetch-debian-kernel: apt-get update of bullseye from deb.debian.org failed" >&2; exit 1; }
    fi
    ;;
  *) echo "fetch-debian-kernel: unknown kernel series '$series' (known: 6.1, 5.10)" >&2; exit 2 ;;
esac

pattern="^linux-image-${series//./\\.}\\.0-[0-9]+-amd64-unsigned\$"
pkg=$(apt-cache "${apt_opts[@]}" search --names-only "$pattern" | awk '{print $1}' | sort -V | tail -n1)
[ -n "$pkg" ] || { echo "fetch-debian-kernel: no linux-image-$series.0-*-amd64-unsigned in apt sources (run apt-get update)" >&2; exit 1; }
root=$cache/$pkg
if [ ! -e "$root/.done" ]; then
  rm -rf "$root" "$cache/download"; mkdir -p "$cache/download" "$root"
  (cd "$cache/download" && apt-get "${apt_opts[@]}" download "$pkg" >&2)
  dpkg -x "$cache"/download/*.deb "$root"
  ver=$(ls "$root/lib/modules")
  depmod -b "$root" "$ver"
  rm -rf "$cache/download"
  touch "$root/.done"
fi
echo "$root"
