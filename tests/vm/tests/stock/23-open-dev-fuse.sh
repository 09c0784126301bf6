# Baseline, stock kernel, no policy, uid 1000 with no capabilities: opening /dev/fuse (static node, char 10:229) autoloads fuse.
. /usr/lib/modgate-vm/lib.sh
# Where fuse is built in (Debian 13's 6.12) the open works and the kernel asks for nothing: no autoload path.
expect_not_loaded fuse
log_requests
expect_trigger 0 'ok' -- --uid 1000 --caps none open /dev/fuse
if builtin_module fuse; then
  echo "fuse is built into $(uname -r)"
  expect_no_request
else
  expect_requested 'char-major-10-229'
  expect_loaded fuse
fi
