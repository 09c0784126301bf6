#!/usr/bin/env bash
# Installs what building and testing modgate needs on a fresh Debian bookworm machine with the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for pkg in qemu-system-x86 clang llvm libbpf-dev bpftool busybox-static kmod libelf-dev zlib1g-dev cpio zstd xz-utils gzip gcc libc6-dev make python3 git hyperfine lintian debootstrap zsh bash-completion dpkg-dev systemd; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi
dotnet restore Modgate.sln -v q
