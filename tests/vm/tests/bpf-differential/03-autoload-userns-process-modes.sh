# Kernel = reference for root in a user namespace and for uid 1000 with a per-process mode.
. /usr/lib/modgate-vm/lib.sh
. /tests/bpf-differential/compare.sh
for r in $AUTOLOAD_REQUESTS; do
  compare "trigger --userns run" "--uid 0" autoload "$r"
  compare "modgate exec --autoload=privileged -- trigger --uid 1000 --caps none run" "--uid 1000 --process-mode privileged" autoload "$r"
done
echo "compared $compared requests"
[ "$compared" = 30 ] || fail "compared $compared, expected 30"
