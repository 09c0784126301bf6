#!/usr/bin/env bash
# build-deb.sh: builds the Debian package of modgate from a staged tree with dpkg-deb.
#
#   scripts/build-deb.sh [--binary PATH] [--out DIR] [--version VERSION]
#
# --binary  use this NativeAOT modgate instead of publishing one (scripts/publish-aot.sh, the VM harness's publish)
# --out     where the .deb goes (default artifacts/deb); its path is the last line printed
# --version build the package as VERSION instead of the changelog's (the upstream part must stay the same: only the
#           Debian revision may differ); the packaged changelog gets an entry for it on top. tests/system uses it to
#           build the next version of the same tree and test the upgrade to it.
#
# The version is the one of packaging/debian/changelog; the build fails if the binary says another.
# packaging/systemd/modgate.service goes in when it exists; without it the maintainer scripts lose their
# systemd part (the lines between #SYSTEMD-START and #SYSTEMD-END).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
pkg=$repo/packaging
binary=""; out=$repo/artifacts/deb; as_version=""
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --version) as_version=$2; shift 2 ;;
    *) echo "build-deb.sh: unknown argument '$1' (use --binary PATH, --out DIR, --version VERSION)" >&2; exit 2 ;;
  esac
done
fail() { echo "build-deb.sh: $*" >&2; exit 1; }

# "modgate (0.1.0-1) unstable; urgency=medium"
version=$(sed -n '1s/^modgate (\([^)]*\)).*/\1/p' "$pkg/debian/changelog")
[ -n "$version" ] || fail "cannot read the version from the first line of $pkg/debian/changelog"
changelog_version=$version
if [ -n "$as_version" ] && [ "$as_version" != "$version" ]; then
  [ "${as_version%-*}" = "${version%-*}" ] ||
    fail "--version $as_version: the upstream part must be the changelog's (${version%-*}); only the Debian revision may differ"
  version=$as_version
fi
arch=$(dpkg --print-architecture)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$binary" ]; then
  binary=$("$repo/scripts/publish-aot.sh" "$work/modgate") || fail "the NativeAOT publish failed"
fi
[ -x "$binary" ] || fail "no executable modgate at $binary"
said=$("$binary" --version | head -n 1)
[ "$said" = "modgate ${version%-*}" ] || fail "the binary says '$said', packaging/debian/changelog says $version: bump one of them"

umask 022
root=$work/root
install -D -m 0755 "$binary" "$root/usr/sbin/modgate"
install -D -m 0644 "$pkg/policy/policy.conf" "$root/etc/modgate/policy.conf"
install -d -m 0755 "$root/etc/modgate/policy.d"
install -D -m 0755 "$pkg/initramfs-tools/hooks/modgate" "$root/usr/share/initramfs-tools/hooks/modgate"
install -D -m 0755 "$pkg/initramfs-tools/scripts/init-premount/modgate" "$root/usr/share/initramfs-tools/scripts/init-premount/modgate"
install -D -m 0644 "$pkg/completions/modgate.bash" "$root/usr/share/bash-completion/completions/modgate"
install -D -m 0644 "$pkg/completions/_modgate" "$root/usr/share/zsh/vendor-completions/_modgate"
install -D -m 0644 "$pkg/debian/copyright" "$root/usr/share/doc/modgate/copyright"
if [ "$version" = "$changelog_version" ]; then
  cp "$pkg/debian/changelog" "$work/changelog"
else
  # An entry for the rebuilt version on top, dated as the changelog's newest entry (the build stays reproducible).
  { printf 'modgate (%s) unstable; urgency=medium\n\n  * Rebuild of %s as %s (scripts/build-deb.sh --version): the same tree.\n\n' \
      "$version" "$changelog_version" "$version"
    grep -m1 '^ -- ' "$pkg/debian/changelog"; echo; cat "$pkg/debian/changelog"; } > "$work/changelog"
fi
gzip -9n -c "$work/changelog" > "$work/changelog.Debian.gz"
install -D -m 0644 "$work/changelog.Debian.gz" "$root/usr/share/doc/modgate/changelog.Debian.gz"
for page in "$pkg/man/modgate.8" "$pkg/man/modgate.conf.5"; do
  section=${page##*.}
  install -d -m 0755 "$root/usr/share/man/man$section"
  gzip -9n -c "$page" > "$root/usr/share/man/man$section/$(basename "$page").gz"
  chmod 0644 "$root/usr/share/man/man$section/$(basename "$page").gz"
done

unit=$repo/packaging/systemd/modgate.service
install -d -m 0755 "$root/DEBIAN"
for script in postinst prerm postrm; do
  if [ -e "$unit" ]; then
    grep -v '^#SYSTEMD-\(START\|END\)$' "$pkg/debian/$script" > "$root/DEBIAN/$script"
  else
    sed '/^#SYSTEMD-START$/,/^#SYSTEMD-END$/d' "$pkg/debian/$script" > "$root/DEBIAN/$script"
  fi
  chmod 0755 "$root/DEBIAN/$script"
done
if [ -e "$unit" ]; then
  install -D -m 0644 "$unit" "$root/lib/systemd/system/modgate.service"
else
  echo "build-deb.sh: $unit does not exist: the package has no systemd unit" >&2
fi
install -m 0644 "$pkg/debian/conffiles" "$pkg/debian/triggers" "$root/DEBIAN/"

# Depends: what the binary links (dpkg-shlibdeps, which wants a debian/control to read) plus what it dlopens.
mkdir -p "$work/shlibs/debian"
printf 'Source: modgate\n\nPackage: modgate\nArchitecture: any\n' > "$work/shlibs/debian/control"
shlibs=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$root/usr/sbin/modgate" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || fail "dpkg-shlibdeps found no dependencies of the binary"
size=$(du -s -k --apparent-size --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@SHLIBS@/$shlibs/" \
  "$pkg/debian/control.in" > "$root/DEBIAN/control"
(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\n' | LC_ALL=C sort | xargs md5sum > DEBIAN/md5sums)
chmod 0644 "$root/DEBIAN/md5sums"

mkdir -p "$out"
deb=$out/modgate_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
