# Under an allowlist with default deny, kmod 34 still loads every allowed module (compressed finit_module judged by
# the index's name before 7.0, by the decompressed image from 7.0); before 7.0 a compressed copy outside the tree
# gets ENOSYS from a raw finit_module, and kmod's insmod then decompresses it itself and calls init_module, judged by
# the name inside: allowed if listed, refused if not.
. /usr/lib/modgate-vm/lib.sh
printf 'version 1\nallow module=md4,crypto_user\ndefault deny\n' > /tmp/allow.conf
expect_status 0 -- modgate apply /tmp/allow.conf
expect_status 0 -- /sbin/modprobe md4
expect_loaded md4
cp "$(/sbin/modinfo -n crypto_user)" /tmp/copy-crypto_user.ko.xz
cp "$(/sbin/modinfo -n streebog_generic)" /tmp/copy-streebog.ko.xz
# 7.0+ hands the decompressed image to the hook (READING_MODULE after READING_MODULE_COMPRESSED): judged inside.
case $(uname -r) in
  [7-9].*|[1-9][0-9].*) expect_trigger 0 ok -- finit_module /tmp/copy-crypto_user.ko.xz "" compressed ;;
  *) expect_trigger 1 'finit_module: errno=ENOSYS (Function not implemented)' -- finit_module /tmp/copy-crypto_user.ko.xz "" compressed
     expect_not_loaded crypto_user
     expect_status 0 -- /sbin/insmod /tmp/copy-crypto_user.ko.xz ;;
esac
expect_loaded crypto_user
expect_status 1 -- /sbin/insmod /tmp/copy-streebog.ko.xz
expect_output_has "Operation not permitted"
expect_not_loaded streebog_generic
# A file of the tree changed after apply (its ctime moved) is no longer trusted by name: ENOSYS, then judged inside.
f=$(/sbin/modinfo -n wp512)
touch "$f"
case $(uname -r) in
  [7-9].*|[1-9][0-9].*) expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- finit_module "$f" "" compressed ;;
  *) expect_trigger 1 'finit_module: errno=ENOSYS (Function not implemented)' -- finit_module "$f" "" compressed ;;
esac
expect_not_loaded wp512
