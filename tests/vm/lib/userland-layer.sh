#!/usr/bin/env bash
# userland-layer.sh USERLAND_ROOT DEST_ROOT
# Puts the module user space of another Debian release (scripts/fetch-debian-kernel.sh --userland: kmod, libkmod
# and the libraries they need, libc6 included, each package extracted with dpkg -x) into DEST_ROOT, the root of
# an initramfs layer that the guest unpacks after the base and modgate layers (later files win).
# The base and modgate layers carry this machine's (bookworm's) libraries at the paths ldd names, mostly
# /lib/x86_64-linux-gnu and /lib64; newer packages ship /usr/lib/x86_64-linux-gnu and /usr/lib64. Every library
# of USERLAND_ROOT goes to /usr/lib/x86_64-linux-gnu, with a link of the same name in /lib/x86_64-linux-gnu, and
# the dynamic loader's link in /lib64 points there too, so that no bookworm copy of a library it replaces is
# left to be found first: a newer libkmod must run with the libc (and loader) of its own release. (A link
# replaces a file of the base layer when the guest unpacks the layers; only directories cannot be replaced.)
# Plugins (gconv, OpenSSL engines and providers), documentation and configuration are left out.
set -euo pipefail
src=$1; dest=$2
lib=usr/lib/x86_64-linux-gnu
mkdir -p "$dest/usr/bin" "$dest/lib/x86_64-linux-gnu" "$dest/$lib" "$dest/lib64"
for dir in lib/x86_64-linux-gnu "$lib"; do
  [ -d "$src/$dir" ] || continue
  # Files and their soname links (relative, within the directory).
  find "$src/$dir" -maxdepth 1 \( -type f -o -type l \) -name '*.so*' -print0 | xargs -0 -r cp -a -t "$dest/$lib"
done
for f in "$dest/$lib"/*; do ln -sfn "/$lib/$(basename "$f")" "$dest/lib/x86_64-linux-gnu/$(basename "$f")"; done
[ -e "$dest/$lib/ld-linux-x86-64.so.2" ] || { echo "userland-layer: no dynamic loader in $src" >&2; exit 1; }
ln -s "/$lib/ld-linux-x86-64.so.2" "$dest/lib64/ld-linux-x86-64.so.2"
for kmod in bin/kmod usr/bin/kmod; do
  [ -e "$src/$kmod" ] && cp -L "$src/$kmod" "$dest/usr/bin/kmod"
done
[ -x "$dest/usr/bin/kmod" ] || { echo "userland-layer: no kmod in $src" >&2; exit 1; }
# What the guest carries, for tests and scripts to show: "package version" lines.
mkdir -p "$dest/usr/lib/modgate-vm"; cp "$src/PACKAGES" "$dest/usr/lib/modgate-vm/userland.packages"
