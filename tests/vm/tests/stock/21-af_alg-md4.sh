# Baseline, stock kernel, no policy, uid 1000 with no capabilities: an AF_ALG socket autoloads
# af_alg; bind(hash, md4) asks for algif-hash, which has no alias but is algif_hash's own name
# (modprobe equates - and _), then for crypto-md4: three modules from one unprivileged bind.
# Measured on Debian's 7.3: the bind of an unprivileged caller no longer asks for the algorithm (root's still does,
# bpf-requester/03 reaches md4 through keyctl instead), so there uid 1000 gets two modules and ENOENT.
. /usr/lib/modgate-vm/lib.sh
expect_not_loaded af_alg algif_hash md4
log_requests
if kernel_older_than 7.0; then
  expect_trigger 0 'ok' -- --uid 1000 --caps none af_alg hash md4
  expect_requested 'crypto-md4'
  expect_loaded md4
else
  expect_trigger 1 'af_alg: bind: errno=ENOENT (No such file or directory)' -- --uid 1000 --caps none af_alg hash md4
  grep -q crypto-md4 /run/modprobe-requests.log && fail "uid 1000's bind asked for crypto-md4 on $(uname -r)"
  expect_not_loaded md4
  expect_trigger 0 'ok' -- af_alg hash md4   # root's bind does
  expect_requested 'crypto-md4'
fi
expect_requested 'net-pf-38'
expect_requested 'algif-hash'
expect_loaded af_alg algif_hash
