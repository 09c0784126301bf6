# Issue 14 #1: the crypto manager instantiates a template in its own kernel thread (cryptomgr_probe, every capability)
# and asks for the template's parts there. Before, uid 1000's AF_ALG bind to hmac(md4) was denied in its own context
# but md4 was then loaded by the kernel thread. Now the thread's requests are judged as the user who asked.
. /usr/lib/modgate-vm/lib.sh
printf 'version 1\nautoload privileged\n' > /tmp/privileged.conf
expect_status 0 -- modgate apply /tmp/privileged.conf
# AF_ALG's hash interface itself (root loads it: the test is about what follows).
expect_status 0 -- /sbin/modprobe algif_hash
expect_trigger 1 'af_alg: bind: errno=ENOENT (No such file or directory)' -- --uid 1000 --caps none af_alg hash 'hmac(md4)'
expect_not_loaded md4
# Root's own requests through the same kernel thread still work (as cryptsetup's xts(aes) does).
expect_trigger 0 ok -- af_alg hash 'hmac(streebog256)'
expect_loaded streebog_generic
