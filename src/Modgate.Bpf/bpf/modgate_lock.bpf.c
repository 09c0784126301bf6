// SPDX-License-Identifier: GPL-2.0
/*
 * `modgate lock`: BPF LSM programs that keep modgate's programs, links and maps out of reach until reboot, even
 * for root. A BPF tool's enforcement lives in kernel objects that anyone with CAP_BPF/CAP_SYS_ADMIN could
 * otherwise reopen (by id or by pin), detach (unpin the link, unmount the bpffs), rewrite (a writable map fd, or a
 * new program using the map) or replace (freplace needs a descriptor of the target program). Every one of those
 * starts with a new descriptor or a change in bpffs, so that is where these programs stand.
 *
 * They do nothing until user space has written the lock tables and set MG_LOCK_LOCKED; the tables are
 * BPF_F_RDONLY_PROG and frozen right after, so the decision inputs can never change again. This object's own
 * programs and links are in the tables too: the lock protects itself. All helpers are static (no freplace target).
 *
 * No program reads its hook's `ret` argument: int hooks run as fmod_ret trampolines that stop at the first non-zero
 * return, so these programs only run after earlier ones returned 0; and from 6.15 the `bpf` hook has a fourth
 * argument (`bool kernel`) where `ret` used to be.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "modgate_lock.h"
#include "lsm_return.h"

char LICENSE[] SEC("license") = "GPL";

#define FMODE_WRITE 0x2
#define BPF_F_RDONLY_OPEN (1U << 3) /* BPF_F_RDONLY of open_flags/file_flags */
#define MAY_WRITE 0x2
#define MAY_READ 0x4
#define PROC_SUPER_MAGIC 0x9fa0

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__type(key, __u32);
	__type(value, struct mg_lock_state);
} mg_lock_state SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MG_LOCK_MAX_IDS);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__type(key, struct mg_lock_id);
	__type(value, __u8);
} mg_lock_ids SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MG_LOCK_MAX_INODES);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__type(key, __u64);
	__type(value, __u8);
} mg_lock_inodes SEC(".maps");

/*
 * The bpffs mount that holds the pins, as a kernel pointer (struct mount *), recorded by mg_lock_file_open when modgate
 * lock opens the pin directory after writing bpffs_dev and before setting MG_LOCK_LOCKED (a program sees a mount only
 * in a hook with a path); modgate lock checks it is there before locking. Programs write it, so it is not read-only to
 * them; user space gets no descriptor after lock (it is one of the lock's own maps).
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} mg_lock_anchor SEC(".maps");

/* The lock state, or NULL while not locked (then every program allows). */
static __always_inline const struct mg_lock_state *locked(void)
{
	__u32 zero = 0;
	const struct mg_lock_state *s = bpf_map_lookup_elem(&mg_lock_state, &zero);
	return s && (s->flags & MG_LOCK_LOCKED) ? s : NULL;
}

static __always_inline int protected_id(__u32 kind, __u32 id)
{
	struct mg_lock_id key = { .kind = kind, .id = id };
	return id && bpf_map_lookup_elem(&mg_lock_ids, &key);
}

/* A new descriptor of a protected map is refused unless it is read-only and the map allows that. */
static __always_inline int map_refused(__u32 id, int read_only)
{
	struct mg_lock_id key = { .kind = MG_LOCK_KIND_MAP, .id = id };
	const __u8 *what = id ? bpf_map_lookup_elem(&mg_lock_ids, &key) : NULL;
	return what && !(read_only && *what == MG_LOCK_READ_ONLY);
}

/* The MG_LOCK_INODE_* flags of an inode, 0 when it is not one of modgate's pins (or directories) in the locked bpffs. */
static __always_inline __u8 inode_flags(const struct mg_lock_state *s, struct inode *inode)
{
	if (!inode || BPF_CORE_READ(inode, i_sb, s_dev) != s->bpffs_dev)
		return 0;
	__u64 ino = BPF_CORE_READ(inode, i_ino);
	const __u8 *flags = bpf_map_lookup_elem(&mg_lock_inodes, &ino);
	return flags ? *flags : 0;
}

static __always_inline int keep(const struct mg_lock_state *s, struct dentry *dentry)
{
	return dentry && (inode_flags(s, BPF_CORE_READ(dentry, d_inode)) & MG_LOCK_INODE_KEEP);
}

/*
 * A new program that could change the outcome of a hook modgate relies on (issue 14 #7): an fmod_ret program on a
 * security_* function skips every LSM by returning non-zero (e.g. the file size from security_kernel_post_read_file, or
 * 1 from security_bpf, which __sys_bpf takes as success); freplace replaces a program's code; a newer LSM program on the
 * same hook runs first and, before 6.12's return-range check, its positive return skips modgate's. fentry/fexit cannot
 * change a return value and stay allowed, as do LSM programs on other hooks (systemd's RestrictFileSystems= sits on
 * file_open, where a non-zero return can only fail the open). Debian builds no CONFIG_BPF_KPROBE_OVERRIDE.
 */
static __always_inline int program_refused(union bpf_attr *attr)
{
	__u32 type = BPF_CORE_READ(attr, prog_type);

	if (type == BPF_PROG_TYPE_EXT)
		return 1;
	if (type == BPF_PROG_TYPE_TRACING && BPF_CORE_READ(attr, expected_attach_type) == BPF_MODIFY_RETURN)
		return 1;
	return type == BPF_PROG_TYPE_LSM && protected_id(MG_LOCK_KIND_HOOK, BPF_CORE_READ(attr, attach_btf_id));
}

/* bpf(): new descriptors by id (GET_FD_BY_ID) of modgate's programs, maps and links (links have no LSM hook of their
 * own when a descriptor is made, so this is where link ids are refused), and new programs that could skip modgate's. */
SEC("lsm/bpf")
int BPF_PROG(mg_lock_bpf, int cmd, union bpf_attr *attr, unsigned int size)
{
	if (!locked())
		return 0;
	switch (cmd) {
	case BPF_PROG_GET_FD_BY_ID:
		return refusal(protected_id(MG_LOCK_KIND_PROG, BPF_CORE_READ(attr, prog_id)));
	case BPF_MAP_GET_FD_BY_ID:
		return refusal(
			map_refused(BPF_CORE_READ(attr, map_id), BPF_CORE_READ(attr, open_flags) & BPF_F_RDONLY_OPEN));
	case BPF_LINK_GET_FD_BY_ID:
		return refusal(protected_id(MG_LOCK_KIND_LINK, BPF_CORE_READ(attr, link_id)));
	case BPF_PROG_LOAD:
		return refusal(program_refused(attr));
	}
	return 0;
}

/* Every new map descriptor (by id, by pin). A read-only one would still let a new program write the map, so it is
 * given only for maps no program can write (frozen, read-only to programs) and for the counters (statistics). */
SEC("lsm/bpf_map")
int BPF_PROG(mg_lock_bpf_map, struct bpf_map *map, fmode_t fmode)
{
	if (!locked())
		return 0;
	return refusal(map_refused(BPF_CORE_READ(map, id), !(fmode & FMODE_WRITE)));
}

/* Every new program descriptor: without one nobody can aim freplace at modgate's programs. */
SEC("lsm/bpf_prog")
int BPF_PROG(mg_lock_bpf_prog, struct bpf_prog *prog)
{
	if (!locked())
		return 0;
	return refusal(protected_id(MG_LOCK_KIND_PROG, BPF_CORE_READ(prog, aux, id)));
}

/* BPF_OBJ_GET checks permission on the pin's inode: that is the only place a link pin can be refused. */
SEC("lsm/inode_permission")
int BPF_PROG(mg_lock_inode_permission, struct inode *inode, int mask)
{
	const struct mg_lock_state *s;
	if (!(mask & (MAY_READ | MAY_WRITE)) || !(s = locked()))
		return 0;
	__u8 flags = inode_flags(s, inode);
	if (flags & MG_LOCK_INODE_SEALED)
		return -EPERM;
	return refusal((flags & MG_LOCK_INODE_READ_ONLY) && (mask & MAY_WRITE));
}

/* Unpinning a link detaches its program: no unlink of a pin. */
SEC("lsm/inode_unlink")
int BPF_PROG(mg_lock_inode_unlink, struct inode *dir, struct dentry *dentry)
{
	const struct mg_lock_state *s;
	if (!(s = locked()))
		return 0;
	return refusal(keep(s, dentry));
}

SEC("lsm/inode_rmdir")
int BPF_PROG(mg_lock_inode_rmdir, struct inode *dir, struct dentry *dentry)
{
	const struct mg_lock_state *s;
	if (!(s = locked()))
		return 0;
	return refusal(keep(s, dentry));
}

/* Neither moving a pin away nor renaming something over it (which unlinks it). */
SEC("lsm/inode_rename")
int BPF_PROG(mg_lock_inode_rename, struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
	     struct dentry *new_dentry)
{
	const struct mg_lock_state *s;
	if (!(s = locked()))
		return 0;
	return refusal(keep(s, old_dentry) || keep(s, new_dentry));
}

SEC("lsm/inode_link")
int BPF_PROG(mg_lock_inode_link, struct dentry *old_dentry, struct inode *dir, struct dentry *new_dentry)
{
	const struct mg_lock_state *s;
	if (!(s = locked()))
		return 0;
	return refusal(keep(s, old_dentry));
}

static __always_inline struct mount *real_mount_of(struct vfsmount *mnt)
{
	return (void *)mnt - bpf_core_field_offset(struct mount, mnt);
}

/* The pins' mount, or NULL when none was recorded or the pointer is not a mount of the locked bpffs any more. */
static __always_inline struct mount *anchor(const struct mg_lock_state *s)
{
	__u32 zero = 0;
	__u64 *a = bpf_map_lookup_elem(&mg_lock_anchor, &zero);
	struct mount *m = a ? (struct mount *)*a : NULL;

	return m && BPF_CORE_READ(m, mnt.mnt_sb, s_dev) == s->bpffs_dev ? m : NULL;
}

/*
 * Whether unmounting t also unmounts a through mount propagation: a copy of /sys in another namespace whose parent
 * is a peer of a's parent (or a's parent receives from that peer group as a slave), on the same mountpoint, takes a
 * with it (`unshare -m` keeps shared propagation; systemd makes / shared).
 */
static __always_inline int propagates_to(struct mount *t, struct mount *a)
{
	struct mount *tp = BPF_CORE_READ(t, mnt_parent), *ap = BPF_CORE_READ(a, mnt_parent), *master;
	int group = BPF_CORE_READ(tp, mnt_group_id);

	if (!group || BPF_CORE_READ(t, mnt_mountpoint) != BPF_CORE_READ(a, mnt_mountpoint))
		return 0;
	if (BPF_CORE_READ(ap, mnt_group_id) == group)
		return 1;
	master = BPF_CORE_READ(ap, mnt_master);
	for (int i = 0; i < 4 && master; i++) {
		if (BPF_CORE_READ(master, mnt_group_id) == group)
			return 1;
		master = BPF_CORE_READ(master, mnt_master);
	}
	return 0;
}

/* Whether unmounting `target` detaches the pins' mount: target is that mount or one of the mounts above it, or
 * propagates its unmount to one of them. */
static __always_inline int above_pins(const struct mg_lock_state *s, struct vfsmount *target)
{
	struct mount *t = real_mount_of(target), *m = anchor(s);

	if (!m)
		return 1; /* no anchor: modgate lock checks it is recorded, so this cannot be told: fail closed */
	for (int depth = 0; depth < MG_LOCK_MAX_MOUNT_DEPTH; depth++) {
		struct mount *parent = BPF_CORE_READ(m, mnt_parent);
		if (m == t || propagates_to(t, m))
			return 1;
		if (parent == m)
			return 0; /* the root of its namespace */
		m = parent;
	}
	return 1;
}

/*
 * Unmounting the bpffs would drop the last reference to every pin, and with it the links; so would unmounting any
 * mount above it, lazily (`umount -l /sys` detaches the whole tree, issue 14 #8), after moving the bpffs under another
 * mount, or after pivot_root put it under the old root. Copies of these mounts in other mount namespaces are not the
 * pins' mount: a namespace can drop its own copies, the pins stay.
 */
SEC("lsm/sb_umount")
int BPF_PROG(mg_lock_sb_umount, struct vfsmount *mnt, int flags)
{
	const struct mg_lock_state *s;
	if (!(s = locked()))
		return 0;
	return refusal(BPF_CORE_READ(mnt, mnt_sb, s_dev) == s->bpffs_dev || above_pins(s, mnt));
}

/* Mounting over the bpffs (or inside it) would hide the pins from modgate, which would then think nothing is locked. */
SEC("lsm/sb_mount")
int BPF_PROG(mg_lock_sb_mount, const char *dev_name, const struct path *path, const char *type, unsigned long flags,
	     void *data)
{
	const struct mg_lock_state *s;
	if (!(s = locked()))
		return 0;
	return refusal(BPF_CORE_READ(path, dentry, d_sb, s_dev) == s->bpffs_dev);
}

static __always_inline int name_is(struct dentry *dentry, const char *want, int len)
{
	char name[16] = {};
	if (bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(dentry, d_name.name)) != len + 1)
		return 0;
	for (int i = 0; i < len; i++)
		if (name[i] != want[i])
			return 0;
	return 1;
}

/*
 * Sysctls that would switch modgate off: kernel.modprobe names the helper the kernel runs for every autoload (pointing
 * it elsewhere lets the helper decide what loads); kernel.ftrace_enabled=0 disables every ftrace user, BPF trampolines
 * included, so every BPF LSM program, these among them, stops running (issue 14 #6).
 */
SEC("lsm/file_open")
int BPF_PROG(mg_lock_file_open, struct file *file)
{
	__u32 zero = 0;
	const struct mg_lock_state *s = bpf_map_lookup_elem(&mg_lock_state, &zero);
	if (!s || !s->bpffs_dev)
		return 0;
	if (BPF_CORE_READ(file, f_path.mnt, mnt_sb, s_dev) == s->bpffs_dev && !anchor(s)) {
		__u64 mount = (__u64)real_mount_of(BPF_CORE_READ(file, f_path.mnt));
		bpf_map_update_elem(&mg_lock_anchor, &zero, &mount, BPF_ANY);
	}
	if (!(s->flags & MG_LOCK_LOCKED) || !(BPF_CORE_READ(file, f_mode) & FMODE_WRITE))
		return 0;
	struct dentry *dentry = BPF_CORE_READ(file, f_path.dentry);
	if (BPF_CORE_READ(dentry, d_sb, s_magic) != PROC_SUPER_MAGIC)
		return 0;
	if (!name_is(BPF_CORE_READ(dentry, d_parent), "kernel", 6))
		return 0;
	return refusal(name_is(dentry, "modprobe", 8) || name_is(dentry, "ftrace_enabled", 14));
}
