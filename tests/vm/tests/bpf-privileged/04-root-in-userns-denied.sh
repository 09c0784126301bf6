# Root inside a new user namespace has no CAP_SYS_MODULE in the initial one: denied (the nf_tables exploit path).
. /usr/lib/modgate-vm/lib.sh
expect_trigger 1 'mount: errno=ENODEV (No such device)' -- --userns --mountns mount hfs
expect_trigger 1 'link-add: errno=EOPNOTSUPP (Operation not supported)' -- --userns --netns link-add dummy
expect_not_loaded hfs dummy
