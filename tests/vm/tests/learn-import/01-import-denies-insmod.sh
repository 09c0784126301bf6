# modprobe.d refusals imported with `modgate import-modprobe` and applied: what modprobe refused stays refused,
# and insmod/init_module of the same modules, which modprobe.d never stopped, are denied too.
. /usr/lib/modgate-vm/lib.sh
mkdir -p /etc/modprobe.d
# CIS style: install X /bin/false, blacklist X.
printf 'install n_hdlc /bin/false\nblacklist n_hdlc\ninstall appletalk /bin/true\n' > /etc/modprobe.d/cis.conf

# Baseline: modprobe (kmod's /sbin/modprobe, the one the kernel runs; busybox's in PATH ignores modprobe.d)
# refuses by name, insmod does not care.
expect_status 1 -- /sbin/modprobe n_hdlc
expect_not_loaded n_hdlc
expect_status 0 -- /sbin/insmod "$(module_file n_hdlc)"
expect_loaded n_hdlc
expect_status 0 -- /sbin/rmmod n_hdlc
expect_not_loaded n_hdlc

expect_status 0 -- modgate import-modprobe -o /tmp/imported.conf
cat /tmp/imported.conf
grep -q '^deny module=n_hdlc .*# /etc/modprobe.d/cis.conf:1: install n_hdlc /bin/false; /etc/modprobe.d/cis.conf:2: blacklist n_hdlc$' /tmp/imported.conf ||
  fail "n_hdlc rule or its sources missing"
grep -q '^deny module=appletalk .*# /etc/modprobe.d/cis.conf:3: install appletalk /bin/true$' /tmp/imported.conf || fail "appletalk rule missing"
expect_status 0 -- modgate check /tmp/imported.conf
expect_status 0 -- modgate apply /tmp/imported.conf

# insmod, init_module from memory, finit_module: denied now.
ko=$(module_file n_hdlc)
expect_status 1 -- /sbin/insmod "$ko"
expect_output_has 'Operation not permitted'
expect_trigger 1 'init_module: errno=EPERM (Operation not permitted)' -- init_module "$ko"
expect_trigger 1 'finit_module: errno=EPERM (Operation not permitted)' -- finit_module "$ko"
expect_not_loaded n_hdlc
# The autoload (uid 1000) is denied as well, modprobe.d or not.
rm /etc/modprobe.d/cis.conf
expect_trigger 1 'tiocsetd: errno=EINVAL (Invalid argument)' -- --uid 1000 --caps none tiocsetd 13
expect_not_loaded n_hdlc
expect_status 1 -- /sbin/insmod "$(module_file appletalk)"
expect_not_loaded appletalk
# What modprobe.d did not refuse loads as before (the import adds no default deny).
expect_status 0 -- /sbin/modprobe can
expect_loaded can
