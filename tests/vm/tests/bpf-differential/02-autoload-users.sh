# Kernel = reference for autoload requests by uid 1000 and uid 1000 with CAP_NET_ADMIN.
. /usr/lib/modgate-vm/lib.sh
. /tests/bpf-differential/compare.sh
for r in $AUTOLOAD_REQUESTS; do
  compare "trigger --uid 1000 --caps none run" "--uid 1000" autoload "$r"
  compare "trigger --uid 1000 --caps NET_ADMIN run" "--uid 1000 --cap CAP_NET_ADMIN" autoload "$r"
done
echo "compared $compared requests"
[ "$compared" = 30 ] || fail "compared $compared, expected 30"
