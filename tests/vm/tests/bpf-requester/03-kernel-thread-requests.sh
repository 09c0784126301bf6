# Issue 14 #1: the crypto manager instantiates a template in its own kernel thread (cryptomgr_probe, every capability)
# and asks for the template's parts there. Before, uid 1000's keyctl(KEYCTL_DH_COMPUTE) with the KDF hash hmac(md4)
# was denied crypto-hmac(md4) in its own context, but the kernel thread then asked for crypto-md4 and md4 loaded
# (the attack of the review; AF_ALG's bind reached the same thread until 6.12). Now the thread's requests are judged
# as the user who asked.
. /usr/lib/modgate-vm/lib.sh
printf 'version 1\nautoload privileged\n' > /tmp/privileged.conf
expect_status 0 -- modgate apply /tmp/privileged.conf
expect_trigger 1 'keyctl-dh-kdf: errno=ENOENT (No such file or directory)' -- --uid 1000 --caps none keyctl-dh-kdf 'hmac(md4)'
expect_not_loaded md4
# AF_ALG's hash interface itself (root loads it: the test is about what follows).
expect_status 0 -- /sbin/modprobe algif_hash
expect_trigger 1 'af_alg: bind: errno=ENOENT (No such file or directory)' -- --uid 1000 --caps none af_alg hash 'hmac(wp512)'
expect_not_loaded wp512
# Root's own requests through the same kernel thread still work (as cryptsetup's xts(aes) does): the hash exists,
# so the call goes on to the (absent) keys.
expect_trigger 1 'keyctl-dh-kdf: errno=ENOKEY (Required key not available)' -- keyctl-dh-kdf 'hmac(streebog256)'
expect_loaded streebog_generic
