# Baseline, uid 1000: exec of a file whose magic no binary format knows makes the kernel ask for
# binfmt-1234; Debian has no module for it, so nothing loads and exec fails with ENOEXEC.
. /usr/lib/modgate-vm/lib.sh
log_requests
expect_trigger 1 'binfmt: errno=ENOEXEC (Exec format error)' -- --uid 1000 --caps none binfmt /tmp/unknown-magic
expect_requested binfmt-1234
modprobe -R binfmt-1234 2>/dev/null && fail "binfmt-1234 resolves to a module: $(modprobe -R binfmt-1234)"
echo "binfmt-1234 resolves to no module"
