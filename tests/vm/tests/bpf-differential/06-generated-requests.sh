# Kernel = reference for requests generated from the guest's modules.alias: for each autoload family, every 4th
# literal alias (at most 2 per family), as written, and the same with a suffix no alias has (the prefix index).
. /usr/lib/modgate-vm/lib.sh
. /tests/bpf-differential/compare.sh
aliases=$(ls /lib/modules/*/modules.alias)
requests=$(awk '$1 == "alias" && $2 ~ /^(net-pf-|tty-ldisc-|fs-|crypto-|char-major-|rtnl-link-|binfmt-|nfnetlink-|nf-|tcp-ulp-|netdev-|algif-)/ && $2 !~ /[][*?]/ { f = substr($2, 1, index($2, "-")); if (n[f]++ % 4 == 0 && n[f] <= 8) print $2 }' "$aliases")
[ "$(echo "$requests" | wc -l)" -ge 15 ] || fail "too few generated requests: $requests"
for r in $requests; do
  compare "trigger --uid 1000 --caps none run" "--uid 1000" autoload "$r"
  compare "trigger run" "--uid 0 --cap all" autoload "${r}9x"
done
echo "compared $compared generated requests"
