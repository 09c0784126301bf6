# `modgate learn` on the guest: the learned allowlist, applied with its `default deny`, lets the guest's own
# modules load again and blocks the trigger zoo (stock/ is the baseline where each of these loads).
. /usr/lib/modgate-vm/lib.sh
# The guest boots with no module loaded: load some as a booted system has them, so /proc/modules lists them.
boot_modules="dummy nls_utf8 nls_cp850"
# (/sbin/modprobe is kmod, the one the kernel runs; `modprobe` in PATH is busybox's.)
for m in $boot_modules; do expect_status 0 -- /sbin/modprobe "$m"; done
expect_loaded $boot_modules
expect_status 0 -- modgate learn -o /tmp/learned.conf
expect_status 0 -- modgate check /tmp/learned.conf
expect_output_has 'default deny'
cat /tmp/learned.conf
for m in $boot_modules; do
  grep -q "^allow module=$m .*# loaded now" /tmp/learned.conf || fail "$m not learned from /proc/modules"
done
# The guest's hardware, through /sys/devices/**/modalias: the CPU's crc32c_intel (in the guest's module
# subset, tests/vm/modules.list); the i440FX PIIX4 SMBus driver is named by modules.alias but has no file in
# the guest, so it is a note, not a rule.
grep -q '^allow module=crc32c_intel .*# hardware: /devices/system/cpu (cpu:type:x86' /tmp/learned.conf || fail "crc32c_intel not learned from /sys"
grep -q '^# i2c_piix4 matches /devices/pci0000:00/0000:00:01.3 (pci:v00008086d00007113' /tmp/learned.conf || fail "the PIIX4 device was not seen in /sys"
grep -q '^allow module=i2c_piix4' /tmp/learned.conf && fail "i2c_piix4 allowed although the guest has no file for it"
grep -q '^allow module=n_hdlc' /tmp/learned.conf && fail "n_hdlc learned although nothing needs it"

for m in $boot_modules; do expect_status 0 -- /sbin/rmmod "$m"; done
expect_not_loaded $boot_modules
expect_status 0 -- modgate apply /tmp/learned.conf

# What the guest had loaded loads again.
for m in $boot_modules; do expect_status 0 -- /sbin/modprobe "$m"; done
expect_loaded $boot_modules
# No learned module that has a file in the guest is refused by the policy (some fail for want of their hardware).
for m in $(sed -n 's/^allow module=\([a-z0-9_]*\) .*/\1/p' /tmp/learned.conf); do
  modinfo -n "$m" >/dev/null 2>&1 || continue
  if ! out=$(/sbin/modprobe "$m" 2>&1); then
    case $out in *"Operation not permitted"*) fail "learned module $m denied: $out" ;; esac
  fi
done

# The trigger zoo stays shut, by autoload and by explicit load.
U="--uid 1000 --caps none"
expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- $U tiocsetd 13
expect_not_loaded n_hdlc
expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- $U socket appletalk dgram
expect_not_loaded appletalk
expect_status 1 -- /sbin/modprobe sctp
expect_output_has 'Operation not permitted'
expect_not_loaded sctp
