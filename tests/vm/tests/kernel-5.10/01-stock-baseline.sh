# Debian's 5.10 kernel with bpf in lsm=: without a policy uid 1000 autoloads n_hdlc (the baseline of the denials below);
# status, before any apply, already names what this kernel's BPF lacks.
. /usr/lib/modgate-vm/lib.sh
case $(uname -r) in 5.10.*) ;; *) fail "booted $(uname -r), not a 5.10 kernel" ;; esac
grep -q bpf /sys/kernel/security/lsm || fail "bpf not in $(cat /sys/kernel/security/lsm)"
expect_status 0 -- modgate status --wide
expect_output_has 'enforcement: none (backend bpf-lsm, kernel 5.10.'
expect_output_has 'missing: kernel 5.10 < 5.11: per-process modes unavailable (no BPF task storage)'
expect_trigger 0 ok -- --uid 1000 --caps none tiocsetd 13
expect_loaded n_hdlc
expect_status 0 -- rmmod n_hdlc
expect_not_loaded n_hdlc
