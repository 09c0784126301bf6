# Baseline, uid 1000: exec of a file whose magic no binary format knows makes the kernel ask for
# binfmt-1234; Debian has no module for it, so nothing loads and exec fails with ENOEXEC.
# Kernels whose image lacks that request (Debian's 7.3: fs/exec.c no longer asks) fail the exec the same way and
# ask for nothing.
. /usr/lib/modgate-vm/lib.sh
log_requests
expect_trigger 1 'binfmt: errno=ENOEXEC (Exec format error)' -- --uid 1000 --caps none binfmt /tmp/unknown-magic
case $(kernel_fact binfmt_request) in
  yes) expect_requested binfmt-1234
       ! kernel_resolves binfmt-1234 || fail "binfmt-1234 resolves to a module: $(/sbin/modprobe -R binfmt-1234)"
       echo "binfmt-1234 resolves to no module" ;;
  no)  expect_no_request; echo "$(uname -r) asks for no binfmt-XXXX module" ;;
  *)   fail "the base layer could not tell whether $(uname -r) asks for binfmt-XXXX (kernel-facts: $(cat /usr/lib/modgate-vm/kernel-facts))" ;;
esac
