# The honest limits, as status and apply said: without the caller's identity uid 1000 still autoloads what
# no name rule denies (kcm), and insmod does not read modprobe.d.
. /usr/lib/modgate-vm/lib.sh
export MODGATE_BACKEND=fallback # the BPF programs would load as fmod_ret here: this group proves the fallback
expect_status 0 -- modgate status --wide
expect_output_has 'enforcement: partial (backend fallback, kernel '
expect_output_has 'missing: bpf not in active LSM list'
expect_output_has 'fallback: modprobe gate'
expect_output_has 'not enforced: autoload privileged: the modprobe gate cannot see who asked'
expect_status 0 -- modgate status --json
expect_output_has '"backend": "fallback"'
expect_output_has '"notEnforced": ['
expect_trigger 0 ok -- --uid 1000 --caps none socket kcm dgram
expect_loaded kcm
expect_status 0 -- insmod "$(/sbin/modinfo -n n_hdlc)"
expect_loaded n_hdlc
expect_status 0 -- /sbin/rmmod n_hdlc
