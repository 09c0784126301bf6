# shellcheck shell=bash
# The guest kernel (sourced by run.sh; uses cache and log).

# boot_kernel VMLINUZ: prints the file QEMU should boot. QEMU boots an uncompressed ELF vmlinux
# through its PVH entry, which skips the firmware's real-mode loader and the kernel's own
# decompression: 3–6 s less per boot under TCG. Debian compresses vmlinuz with xz; the ELF is
# extracted once and cached. Falls back to the bzImage if that fails.
boot_kernel() {
  local vmlinuz=$1 elf
  elf=$cache/vmlinux-$(basename "$vmlinuz" | sed 's/^vmlinuz-//')
  exec 7>"$cache/.vmlinux.lock"; flock 7
  if [ ! -s "$elf" ]; then
    local offset
    offset=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$vmlinuz" | head -n1 | cut -d: -f1)
    # xz stops at the end of its stream and complains about the bytes after it: judge the result.
    [ -n "$offset" ] && tail -c +$((offset + 1)) "$vmlinuz" | xz -dc > "$elf.tmp" 2>/dev/null
    if [ "$(head -c4 "$elf.tmp" 2>/dev/null | od -An -tx1 | tr -d ' ')" = 7f454c46 ] &&
       readelf -n "$elf.tmp" 2>/dev/null | grep -q 'Xen'; then
      mv "$elf.tmp" "$elf"
    else
      rm -f "$elf.tmp"
      log "could not extract an ELF vmlinux with a PVH entry from $vmlinuz: booting the bzImage (slower)" >&2
      flock -u 7; echo "$vmlinuz"; return
    fi
  fi
  flock -u 7
  echo "$elf"
}
