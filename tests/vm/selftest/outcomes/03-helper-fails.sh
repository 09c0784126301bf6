. /usr/lib/modgate-vm/lib.sh
expect_trigger 0 ok -- --uid 1000 --caps none tiocsetd 99
