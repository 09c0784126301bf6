# Baseline, stock kernel, no policy, uid 1000 with no capabilities: an AF_ALG socket autoloads
# af_alg; bind(hash, md4) asks for algif-hash, which has no alias but is algif_hash's own name
# (modprobe equates - and _), then for crypto-md4: three modules from one unprivileged bind.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded af_alg algif_hash md4
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none af_alg hash md4
expect_requested 'net-pf-38'
expect_requested 'algif-hash'
expect_requested 'crypto-md4'
expect_loaded af_alg algif_hash md4
