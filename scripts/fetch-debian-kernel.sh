#!/usr/bin/env bash
# fetch-debian-kernel.sh [SERIES]
# fetch-debian-kernel.sh --userland SERIES
# Downloads the newest Debian kernel of SERIES once (what the archive serves today: no version is written here),
# extracts it with its module tree and runs depmod, so tests have a real Debian kernel and module tree.
# Prints the extracted root on stdout: ROOT/boot/vmlinuz-VER (and config-VER) and ROOT/lib/modules/VER.
#
# SERIES:
#   6.1     (default) Debian 12: the newest linux-image-6.1.0-N-amd64-unsigned of this machine's apt sources
#   5.10    Debian 11: the newest linux-image-5.10.0-N-amd64-unsigned of bullseye + bullseye-security
#   6.12    Debian 13: the newest linux-image-6.12.V+deb13-amd64-unsigned of trixie + trixie-security
#   newest  the newest kernel of trixie-backports: linux-image-VER-amd64-unsigned, or (Debian's layout from 6.19)
#           linux-binary-unsigned-VER + linux-modules-VER + linux-base-VER, whose files live in usr/lib/modules/VER
#           (vmlinuz.unsigned, config): ROOT/boot/vmlinuz-VER and config-VER are links to them, ROOT/lib -> usr/lib
# Other suites than the machine's are read through a private apt state in the cache (its own sources.list, lists,
# archive cache and an empty dpkg status; signatures checked against Debian's archive keyring as usual): the
# machine's apt sources stay as they are. Private lists are refreshed once a day.
#
# --userland SERIES: the module user space of the distribution that ships SERIES, for the VM guest: for 6.12 and
# newest, trixie's kmod and libkmod2 with the run-time closure of their Depends and Pre-Depends (libc6, liblzma5,
# libzstd1, libssl3t64...: read from the packages, dpkg-deb -f), each extracted with dpkg -x into one directory,
# which is printed, with PACKAGES listing "name version" per package. Prints nothing for 6.1 and 5.10 (their guest
# uses this machine's bookworm kmod).
#
# Cache: $MODGATE_CACHE (default ~/.cache/modgate); reused between runs.
set -euo pipefail
mode=kernel
if [ "${1:-}" = --userland ]; then mode=userland; shift; fi
series=${1:-6.1}
cache=${MODGATE_CACHE:-$HOME/.cache/modgate}
mkdir -p "$cache"
exec 9>"$cache/.kernel.lock"; flock 9    # tests and the VM harness may ask at the same time
export PATH=$PATH:/usr/sbin:/sbin         # depmod: not in a normal user's PATH on Debian
say() { echo "fetch-debian-kernel: $*" >&2; }

# private_apt NAME SUITE...: sets apt_opts to a private apt state $cache/apt-NAME reading SUITE... (main) from
# Debian's archive (SUITE-security from the security archive), and refreshes its lists when they are older than a
# day or the suites changed. Every suite of every series goes through here.
apt_opts=()
private_apt() {
  local name=$1 suite; shift
  local dir=$cache/apt-$name
  mkdir -p "$dir/lists/partial" "$dir/archives/partial" "$dir/empty.d"
  local sources
  sources=$(for suite in "$@"; do
    case $suite in
      *-security) echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security $suite main" ;;
      *) echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" ;;
    esac
  done)
  if [ "$(cat "$dir/sources.list" 2>/dev/null)" != "$sources" ]; then
    echo "$sources" > "$dir/sources.list"; rm -f "$dir/updated"
  fi
  [ -e "$dir/status" ] || : > "$dir/status"   # apt 2.6 cannot parse /dev/null as a dpkg status file: an empty regular file
  apt_opts=(-o "Dir::Etc::SourceList=$dir/sources.list" -o "Dir::Etc::SourceParts=$dir/empty.d"
            -o "Dir::Etc::Preferences=$dir/empty.d/preferences" -o "Dir::Etc::PreferencesParts=$dir/empty.d"
            -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir" -o "Dir::State::Status=$dir/status"
            -o APT::Architecture=amd64 -o APT::Architectures=amd64 -o Acquire::Languages=none
            -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false -o Debug::NoLocking=1 -o APT::Sandbox::User=root
            -o Dir::Cache::pkgcache=pkgcache.bin -o Dir::Cache::srcpkgcache=)   # a cache between calls
  # A stamp, not the lists' mtimes: apt gives a list the server's modification time, often older than a day.
  if [ -z "$(find "$dir/updated" -mmin -1440 2>/dev/null)" ]; then
    say "apt-get update of $* (private state $dir)"
    apt-get "${apt_opts[@]}" -q update >&2 || { say "apt-get update of $* from deb.debian.org failed"; exit 1; }
    touch "$dir/updated"
  fi
}

# newest_package REGEX [SUITE]: the newest package name (sort -V) matching REGEX, optionally only those served by SUITE.
newest_package() {
  local names
  names=$(apt-cache "${apt_opts[@]}" search --names-only "$1" | awk '{print $1}')
  if [ -n "${2:-}" ] && [ -n "$names" ]; then
    # madison: "name | version | http://deb.debian.org/debian trixie-backports/main amd64 Packages"
    # shellcheck disable=SC2086
    names=$(apt-cache "${apt_opts[@]}" madison $names | awk -F' *[|] *' -v s="$2" '$3 ~ (" " s "/") {print $1}' | sort -u)
  fi
  printf '%s\n' "$names" | sed '/^$/d' | sort -V | tail -n1
}

# download DIR PACKAGE...: apt-get download into DIR, reporting the sizes.
download() {
  local dir=$1; shift
  mkdir -p "$dir"
  (cd "$dir" && apt-get "${apt_opts[@]}" -q download "$@" >&2)
  local deb
  for deb in "$dir"/*.deb; do say "downloaded $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"; done
}

# Sourced by another script (scripts/fetch-debian-source.sh): it wanted the functions above, and the lock.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then return 0; fi

case $series in
  6.1) dist=bookworm ;;
  5.10) dist=bullseye ;;
  6.12|newest) dist=trixie ;;
  *) say "unknown kernel series '$series' (known: 6.1, 5.10, 6.12, newest)"; exit 2 ;;
esac
[ "$mode" = kernel ] || [ "$dist" = trixie ] || exit 0   # 6.1 and 5.10 guests use this machine's kmod
case $dist in
  bullseye) private_apt bullseye bullseye bullseye-security ;;
  trixie) private_apt trixie trixie trixie-security trixie-backports ;;
esac

# ---- --userland: the distribution's kmod and what it needs at run time -------------------------------------------
# candidate PACKAGE: the version apt would take (trixie's or trixie-security's: backports are NotAutomatic), or nothing.
candidate() { apt-cache "${apt_opts[@]}" policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: //p' | grep -v '(none)' || true; }
# depends_closure PACKAGE...: the packages and, recursively, their Depends and Pre-Depends as the index has them
# (the first of each alternative).
depends_closure() {
  local -A seen=(); local queue=("$@") pkg dep
  while [ ${#queue[@]} -gt 0 ]; do
    pkg=${queue[0]}; queue=("${queue[@]:1}")
    [ -z "${seen[$pkg]:-}" ] || continue
    [ -n "$(candidate "$pkg")" ] || { say "$pkg: not in the $series suites"; exit 1; }
    seen[$pkg]=1; echo "$pkg"
    for dep in $(apt-cache "${apt_opts[@]}" show --no-all-versions "$pkg" |
                 sed -n 's/^\(Pre-\)\{0,1\}Depends: //p' | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/ //g'); do
      [ -n "${seen[$dep]:-}" ] || queue+=("$dep")
    done
  done
}
# dlopen_sonames ROOT: sonames that ELF files under ROOT open at run time (their .note.dlopen, the FDO dlopen
# metadata: libkmod declares liblzma.so.5 and libzstd.so.1 there, not in its Depends) and that ROOT lacks.
dlopen_sonames() {
  local f note so
  note=$(mktemp)
  find "$1" -type f -name '*.so*' -o -type f -path '*/bin/*' | while read -r f; do
    objcopy -O binary --only-section=.note.dlopen "$f" "$note" 2>/dev/null || continue
    strings "$note" | grep -o '"soname":\[[^]]*\]' | grep -o '"[^"]*\.so[^"]*"' | tr -d '"' || true
  done | sort -u | while read -r so; do
    [ -n "$(find "$1" -name "$so" -print -quit)" ] || echo "$so"
  done
  rm -f "$note"
}
# package_of_soname SONAME: Debian names a library package after its soname (liblzma.so.5 -> liblzma5, libfoo2.so.1
# -> libfoo2-1, with t64 for the 64-bit time_t transition); the package must ship the file, or this fails.
package_of_soname() {
  local name=${1%%.so*} ver=${1##*.so.} base pkg
  base=$name$ver; [[ $name != *[0-9] ]] || base=$name-$ver
  for pkg in "$base" "${base}t64"; do
    [ -n "$(candidate "$pkg")" ] && { echo "$pkg"; return; }
  done
  say "no package in the $series suites is named after $1 (tried $base, ${base}t64)"; exit 1
}

if [ "$mode" = userland ]; then
  mapfile -t wanted < <(depends_closure kmod libkmod2)
  printf '%s\n' "${wanted[@]}" | grep -qx kmod || { say "no kmod in the $series suites"; exit 1; }
  # A root made earlier is reused if its packages are still the candidates and hold the Depends closure.
  root=
  for old in "$cache"/userland-"$dist"-*/; do
    [ -e "$old/.done" ] || continue
    current=1
    while read -r pkg ver; do [ "$(candidate "$pkg")" = "$ver" ] || current=0; done < "$old/PACKAGES"
    for pkg in "${wanted[@]}"; do grep -q "^$pkg " "$old/PACKAGES" || current=0; done
    [ $current = 0 ] || { root=${old%/}; break; }
  done
  if [ -z "$root" ]; then
    root=$cache/userland-$dist-$(date +%Y%m%d%H%M%S)
    rm -rf "$root" "$cache/download"; mkdir -p "$root"
    while [ ${#wanted[@]} -gt 0 ]; do
      download "$cache/download" "${wanted[@]}"
      for deb in "$cache"/download/*.deb; do
        # What the packages themselves declare (control fields), next to what the closure took from the index.
        say "$(dpkg-deb -f "$deb" Package Version Depends Pre-Depends Recommends | tr '\n' ' ')"
        dpkg -x "$deb" "$root"
        dpkg-deb --show --showformat='${Package} ${Version}\n' "$deb" >> "$root/PACKAGES"
      done
      rm -rf "$cache/download"
      # Libraries opened with dlopen are in no Depends: take them (and their closure) from the ELF notes.
      mapfile -t sonames < <(dlopen_sonames "$root")
      wanted=()
      for so in "${sonames[@]}"; do
        pkg=$(package_of_soname "$so")
        say "$so (dlopen, .note.dlopen) -> $pkg"
        for dep in $(depends_closure "$pkg"); do
          grep -q "^$dep " "$root/PACKAGES" || printf '%s\n' "${wanted[@]}" | grep -qx "$dep" || wanted+=("$dep")
        done
      done
    done
    missing=$(dlopen_sonames "$root")
    [ -z "$missing" ] || { say "the $series userland still lacks $missing"; exit 1; }
    sort -o "$root/PACKAGES" "$root/PACKAGES"
    touch "$root/.done"
    find "$cache" -maxdepth 1 -name "userland-$dist-*" ! -path "$root" -exec rm -rf {} +
  fi
  echo "$root"
  exit 0
fi

# ---- the kernel ----------------------------------------------------------------------------------------------------
# pkgs: the packages of the kernel; the first one names the cached root.
case $series in
  6.1|5.10)
    pkgs=("$(newest_package "^linux-image-${series//./\\.}\\.0-[0-9]+-amd64-unsigned\$")") ;;
  6.12)
    pkgs=("$(newest_package '^linux-image-6\.12\.[0-9]+\+deb13(\.[0-9]+)?-amd64-unsigned$')") ;;
  newest)
    # Both layouts, compared by kernel version: linux-image-VER-amd64-unsigned (up to 6.18) and
    # linux-binary-unsigned-VER (from 6.19), VER = X.Y[.Z]+debN[.M]-amd64 (no -cloud-/-rt- flavours).
    image=$(newest_package '^linux-image-[0-9][0-9.]*\+deb[0-9.]+-amd64-unsigned$' trixie-backports)
    binary=$(newest_package '^linux-binary-unsigned-[0-9][0-9.]*\+deb[0-9.]+-amd64$' trixie-backports)
    image_ver=${image#linux-image-}; image_ver=${image_ver%-unsigned}
    binary_ver=${binary#linux-binary-unsigned-}
    if [ -n "$binary" ] && [ "$(printf '%s\n' "$image_ver" "$binary_ver" | sed '/^$/d' | sort -V | tail -n1)" = "$binary_ver" ]; then
      pkgs=("$binary" "linux-modules-$binary_ver" "linux-base-$binary_ver")
    else
      pkgs=("$image")
    fi ;;
esac
[ -n "${pkgs[0]}" ] || { say "no $series kernel package in the apt sources (for 6.1: run apt-get update)"; exit 1; }
root=$cache/${pkgs[0]}
if [ ! -e "$root/.done" ]; then
  say "fetching ${pkgs[*]}"
  rm -rf "$root" "$cache/download"; mkdir -p "$root"
  download "$cache/download" "${pkgs[@]}"
  for deb in "$cache"/download/*.deb; do dpkg -x "$deb" "$root"; done
  # Packages from 6.19 on put everything in usr/lib/modules/VER: give the root the usual /lib and /boot paths.
  if [ ! -e "$root/lib" ] && [ -d "$root/usr/lib/modules" ]; then ln -s usr/lib "$root/lib"; fi
  ver=$(ls "$root/lib/modules")
  [ "$(echo "$ver" | wc -l)" = 1 ] || { say "expected one module tree in $root/lib/modules, found: $ver"; exit 1; }
  mkdir -p "$root/boot"
  for f in vmlinuz config System.map; do
    src=$root/lib/modules/$ver/$f; [ "$f" != vmlinuz ] || src=$root/lib/modules/$ver/vmlinuz.unsigned
    [ -e "$root/boot/$f-$ver" ] || [ ! -e "$src" ] || ln -s "../lib/modules/$ver/$(basename "$src")" "$root/boot/$f-$ver"
  done
  [ -e "$root/boot/vmlinuz-$ver" ] || { say "no vmlinuz for $ver in ${pkgs[*]}"; exit 1; }
  say "depmod $ver ($(find "$root/lib/modules/$ver" -name '*.ko*' | wc -l) modules)"
  depmod -b "$root" "$ver"
  rm -rf "$cache/download"
  touch "$root/.done"
fi
echo "$root"
