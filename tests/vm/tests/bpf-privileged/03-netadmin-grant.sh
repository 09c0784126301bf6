# The built-in grant of `autoload privileged`: CAP_NET_ADMIN alone may autoload netdev-* (and nothing else, e.g. a TCP ULP).
. /usr/lib/modgate-vm/lib.sh
expect_trigger 0 ok -- --uid 1000 --caps NET_ADMIN netdev sit0
expect_loaded sit
expect_trigger 1 'tcp-ulp: errno=ENOENT (No such file or directory)' -- --uid 1000 --caps NET_ADMIN tcp-ulp tls
expect_not_loaded tls
