# Kernel = reference for explicit and autoload-origin loads and for unloads.
. /usr/lib/modgate-vm/lib.sh
. /tests/bpf-differential/compare.sh
for m in kcm nf_tables nf-conntrack dummy can_bcm smc; do
  compare "trigger run" "--uid 0 --cap all" load "$m" explicit
  compare "trigger run" "--uid 0 --cap all" load "$m" autoload
  compare "trigger --uid 1000 --caps none run" "--uid 1000" load "$m" explicit
  compare "trigger run" "--uid 0 --cap all" unload "$m"
done
compare "modgate exec --load=off -- trigger run" "--uid 0 --cap all --process-mode off" load kcm explicit
echo "compared $compared requests"
[ "$compared" = 25 ] || fail "compared $compared, expected 25"
