# Helpers for guest tests: `. /usr/lib/modgate-vm/lib.sh` at the top of a test.
# Every helper that checks something exits the test with status 1 and a "FAIL:" line when the
# check does not hold, so a test reads as a list of assertions.

fail() { echo "FAIL: $*"; exit 1; }

is_loaded() { [ -e "/sys/module/$1/initstate" ]; }   # builtins have /sys/module/X but no initstate
expect_loaded() { for m in "$@"; do is_loaded "$m" || fail "module $m is not loaded"; done; echo "loaded: $*"; }
expect_not_loaded() { for m in "$@"; do ! is_loaded "$m" || fail "module $m is loaded"; done; echo "not loaded: $*"; }

# expect_trigger STATUS OUTPUT -- TRIGGER-ARGS...
# Runs `trigger TRIGGER-ARGS...` and checks its exit status and its whole output (exact match).
expect_trigger() {
  [ "${3:-}" = -- ] || fail "usage: expect_trigger STATUS OUTPUT -- TRIGGER-ARGS..."
  want_rc=$1; want_out=$2; shift 3
  out=$(trigger "$@" 2>&1); rc=$?
  echo "trigger $*: exit $rc: $out"
  [ "$rc" = "$want_rc" ] || fail "trigger $*: exit $rc, expected $want_rc (output: $out)"
  [ "$out" = "$want_out" ] || fail "trigger $*: output '$out', expected '$want_out'"
}

# expect_trigger_within SECONDS STATUS OUTPUT -- ARGS...: as expect_trigger, asking again for up to SECONDS. For the
# baselines of attacks that drop modgate's links: 6.12 frees a link from a workqueue, a moment after its last pin.
expect_trigger_within() {
  deadline=$(( $(date +%s) + $1 )); want_rc=$2; want_out=$3; shift 4
  while :; do
    out=$(trigger "$@" 2>&1); rc=$?
    { [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ]; } && break
    [ "$(date +%s)" -lt "$deadline" ] || break
    sleep 0.2
  done
  expect_trigger "$want_rc" "$want_out" -- "$@"
}

# Route the kernel's module requests through modprobe-logger, so expect_requested can see them.
log_requests() {
  : > /run/modprobe-requests.log
  echo /usr/lib/modgate-vm/modprobe-logger > /proc/sys/kernel/modprobe
}
# expect_requested REQUEST: the kernel asked modprobe for exactly this string since log_requests.
expect_requested() {
  grep -qx -- "-q -- $1" /run/modprobe-requests.log ||
    fail "request '$1' not seen; requests: $(tr '\n' ' ' < /run/modprobe-requests.log)"
  echo "requested: $1"
}
expect_no_request() {
  [ ! -s /run/modprobe-requests.log ] || fail "unexpected requests: $(tr '\n' ' ' < /run/modprobe-requests.log)"
  echo "no module request"
}

# Path of a module file of the guest's tree, e.g. module_file nls_cp437.
module_file() { modinfo -n "$1" || fail "no module file for $1"; }
# Whether module NAME is built into the running kernel (Debian 13's 6.12 builds fuse in: no autoload path there).
# kernel_resolves REQUEST: a module of this kernel answers REQUEST (the guest has the full tree's alias table, so
# this is the kernel's own answer even where the guest's module subset lacks the file).
kernel_resolves() { /sbin/modprobe -R "$1" > /dev/null 2>&1; }
# kernel_has_symbol NAME: NAME is a symbol of the kernel image itself (built in, not from a module).
kernel_has_symbol() { grep -qE " $1\$" /proc/kallsyms; }
# kernel_fact NAME: a fact read from the kernel image when the base layer was built (lib/build-base.sh).
kernel_fact() { sed -n "s/^$1=//p" /usr/lib/modgate-vm/kernel-facts; }
# kernel_older_than MAJOR.MINOR: the running kernel's version is lower.
kernel_older_than() {
  local have want
  have=$(uname -r | sed 's/^\([0-9]*\)\.\([0-9]*\).*/\1 \2/'); want=$(echo "$1" | tr . ' ')
  set -- $have $want
  [ "$1" -lt "$3" ] || { [ "$1" -eq "$3" ] && [ "$2" -lt "$4" ]; }
}
# expect_socket_autoload REQUEST MODULES... -- TRIGGER-ARGS: uid 1000 without capabilities makes the kernel ask for
# REQUEST; where a module of this kernel answers it the socket works and MODULES load, elsewhere (a module Debian no
# longer builds there) the request is still made and the socket fails with EAFNOSUPPORT.
expect_socket_autoload() {
  local request=$1; shift
  local modules=
  while [ "$1" != -- ]; do modules="$modules $1"; shift; done; shift
  if kernel_resolves "$request"; then
    expect_trigger 0 'ok' -- --uid 1000 --caps none "$@"
    expect_requested "$request"
    expect_loaded $modules
  else
    expect_trigger 1 'socket: errno=EAFNOSUPPORT (Address family not supported by protocol)' -- --uid 1000 --caps none "$@"
    expect_requested "$request"
    echo "no module of $(uname -r) answers $request"
  fi
}
builtin_module() { grep -q "/$1\.ko" "/lib/modules/$(uname -r)/modules.builtin"; }
# Path of the module as a plain ELF image, for the raw init_module/finit_module/memfd tests: the file itself, or on
# trees of compressed modules (Debian 13's .ko.xz) a copy decompressed into /tmp/elf.
elf_module_file() {
  f=$(module_file "$1") || return 1
  case $f in
    *.ko.xz) mkdir -p /tmp/elf && xzcat "$f" > "/tmp/elf/$1.ko" && echo "/tmp/elf/$1.ko" ;;
    *.ko.gz) mkdir -p /tmp/elf && zcat "$f" > "/tmp/elf/$1.ko" && echo "/tmp/elf/$1.ko" ;;
    *.ko) echo "$f" ;;
    *) fail "$f: a compression the guest cannot undo" ;;
  esac
}
# expect_finit STATUS OUTPUT FILE: expect_trigger of finit_module FILE; a compressed file (Debian 13's .ko.xz) is
# passed with MODULE_INIT_COMPRESSED_FILE, as kmod >= 31 does where the kernel decompresses modules itself.
expect_finit() {
  case $3 in
    *.ko.xz|*.ko.zst|*.ko.gz) expect_trigger "$1" "$2" -- finit_module "$3" "" compressed ;;
    *) expect_trigger "$1" "$2" -- finit_module "$3" ;;
  esac
}

# expect_status STATUS -- CMD ARGS...: runs CMD (stderr with stdout), prints its output and checks
# its exit status; the output stays in $out for expect_output_has.
expect_status() {
  [ "${2:-}" = -- ] || fail "usage: expect_status STATUS -- CMD ARGS..."
  want_rc=$1; shift 2
  out=$("$@" 2>&1); rc=$?
  echo "$*: exit $rc"; [ -z "$out" ] || echo "$out"
  [ "$rc" = "$want_rc" ] || fail "$*: exit $rc, expected $want_rc"
}
# expect_output_has TEXT: the output of the last expect_status contains TEXT (a fixed string).
expect_output_has() { printf '%s\n' "$out" | grep -qF -- "$1" || fail "output lacks '$1'"; }

# as_user CMD ARGS...: run CMD as uid 1000 with no capabilities.
as_user() { trigger --uid 1000 --caps none run "$@"; }
