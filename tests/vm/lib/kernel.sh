# shellcheck shell=bash
# The guest kernel (sourced by run.sh; uses cache and log).

# boot_kernel VMLINUZ: prints the file QEMU should boot. QEMU boots an uncompressed ELF vmlinux
# through its PVH entry, which skips the firmware's real-mode loader and the kernel's own
# decompression: 3–6 s less per boot under TCG. Debian compresses vmlinuz with xz (5.10, 6.1) or zstd
# (CONFIG_KERNEL_ZSTD: 6.12, 7.x); the ELF is extracted once and cached. Falls back to the bzImage if that fails.
boot_kernel() {
  local vmlinuz=$1 elf
  elf=$cache/vmlinux-$(basename "$vmlinuz" | sed 's/^vmlinuz-//')
  exec 7>"$cache/.vmlinux.lock"; flock 7
  if [ ! -s "$elf" ]; then
    local magic offset tool
    # The payload starts at its format's magic (xz: fd 37 7a 58 5a 00, zstd: 28 b5 2f fd); the same bytes may
    # also occur earlier by chance, so each of the first few matches is tried. Both decompressors complain about
    # the bytes after their stream (the kernel appends the decompressed size): the result is judged instead.
    for magic in 'xz \xfd7zXZ\x00' 'zstd \x28\xb5\x2f\xfd'; do
      tool=${magic%% *}
      command -v "$tool" >/dev/null || continue
      for offset in $(LC_ALL=C grep -obUaP "${magic#* }" "$vmlinuz" | head -n 4 | cut -d: -f1); do
        tail -c +$((offset + 1)) "$vmlinuz" | "$tool" -dc > "$elf.tmp" 2>/dev/null
        if [ "$(head -c4 "$elf.tmp" 2>/dev/null | od -An -tx1 | tr -d ' ')" = 7f454c46 ] &&
           readelf -n "$elf.tmp" 2>/dev/null | grep -q 'Xen'; then
          mv "$elf.tmp" "$elf"; break 2
        fi
      done
    done
    if [ ! -s "$elf" ]; then
      rm -f "$elf.tmp"
      log "could not extract an ELF vmlinux with a PVH entry from $vmlinuz: booting the bzImage (slower)" >&2
      flock -u 7; echo "$vmlinuz"; return
    fi
  fi
  flock -u 7
  echo "$elf"
}

# The kernels a boot group may choose (a `kernel` file in the group's directory holding one of these
# series); 6.1 is the default of every group without one and of --script/--shell without --kernel.
# 5.10: Debian 11's; 6.12: Debian 13's, with trixie's kmod in the guest; newest: the newest of trixie-backports,
# with trixie's kmod (scripts/fetch-debian-kernel.sh).
default_kernel=6.1          # --script and --shell boots
default_kernels="6.1 6.12"  # the matrix of every group without its own `kernel` or `kernels` file
known_kernels="6.1 5.10 6.12 newest"
declare -A kernel_image kernel_base kernel_userland

# series_lsm_cmdline SERIES: the kernel argument a series needs for BPF LSM, empty where Debian's default LSM list
# already has bpf (6.1 and later). Debian 11's 5.10 is built with CONFIG_LSM without bpf, so a boot group that does not
# choose its own lsm= (no-bpf-lsm, fallback, bpf-fmod-ret do) gets Debian 11's list plus bpf there.
series_lsm_cmdline() { case $1 in 5.10) echo "lsm=lockdown,yama,apparmor,bpf" ;; esac; }

# kernels_of_group GROUP_DIR: the series the group boots, one boot each: its `kernels` file (several, the matrix:
# the same tests on each), or its `kernel` file (one), or the default; bad ones exit 2.
kernels_of_group() {
  local list=$default_kernels series
  if [ -f "$1/kernel" ]; then list=$(tr -d ' \n' < "$1/kernel")           # a group about one kernel keeps it
  elif [ -n "${matrix_override:-}" ]; then list=$matrix_override           # run.sh --matrix
  elif [ -f "$1/kernels" ]; then list=$(tr '\n' ' ' < "$1/kernels"); fi
  for series in $list; do
    [[ " $known_kernels " == *" $series "* ]] ||
      { log "$1: unknown kernel '$series' (known: $known_kernels)" >&2; exit 2; }
  done
  echo $list
}

# prepare_kernel SERIES: fetches the Debian kernel of SERIES (scripts/fetch-debian-kernel.sh), its
# bootable image, the module user space of its release (--userland: none for 6.1 and 5.10, which use
# this machine's kmod) and its base layer (modules of modules.list from its own tree); fills
# kernel_image, kernel_base and kernel_userland [SERIES]. Another kernel's tree may lack modules of the list
# (5.10 builds no tls, kcm): they are left out there, with a note, instead of failing the build.
prepare_kernel() {
  local kroot kver userland
  [ -z "${kernel_image[$1]:-}" ] || return 0
  kroot=$("$repo/scripts/fetch-debian-kernel.sh" "$1") || { log "fetching the Debian $1 kernel failed"; return 1; }
  userland=$("$repo/scripts/fetch-debian-kernel.sh" --userland "$1") ||
    { log "fetching the module user space of the $1 kernel's release failed"; return 1; }
  kver=$(ls "$kroot/lib/modules")
  kernel_image[$1]=$(boot_kernel "$kroot/boot/vmlinuz-$kver")
  export MODGATE_VM_VMLINUX=${kernel_image[$1]}   # build-base.sh reads facts from it
  if [ "$1" = "$default_kernel" ]; then
    prepare_base_layer "$kroot" "$kver" "$1" "$userland"
  else
    MODULES_SUBSET_MISSING_OK=1 prepare_base_layer "$kroot" "$kver" "$1" "$userland"
  fi || { log "building the base layer of the $1 kernel failed"; return 1; }
  kernel_base[$1]=$base
  kernel_userland[$1]=$userland_layer
}

# use_kernel SERIES: the next boots (qemu.sh, make_boot_image) use this prepared kernel.
use_kernel() { vmlinuz=${kernel_image[$1]}; base=${kernel_base[$1]}; userland_layer=${kernel_userland[$1]}; }
