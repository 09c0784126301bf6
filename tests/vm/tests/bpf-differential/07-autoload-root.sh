# Kernel = reference for autoload requests by root (CAP_SYS_MODULE in the initial user namespace).
. /usr/lib/modgate-vm/lib.sh
. /tests/bpf-differential/compare.sh
for r in $AUTOLOAD_REQUESTS; do
  compare "trigger run" "--uid 0 --cap all" autoload "$r"
done
echo "compared $compared requests"
[ "$compared" = 15 ] || fail "compared $compared, expected 15"
