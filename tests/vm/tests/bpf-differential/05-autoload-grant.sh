# Kernel = reference for a caller with CAP_NET_ADMIN and per-process mode privileged: the grant decides.
. /usr/lib/modgate-vm/lib.sh
. /tests/bpf-differential/compare.sh
for r in $AUTOLOAD_REQUESTS; do
  compare "modgate exec --autoload=privileged -- trigger --uid 1000 --caps NET_ADMIN run" "--uid 1000 --cap CAP_NET_ADMIN --process-mode privileged" autoload "$r"
done
echo "compared $compared requests"
[ "$compared" = 15 ] || fail "compared $compared, expected 15"
