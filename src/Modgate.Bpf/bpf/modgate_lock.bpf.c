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

char LICENSE[] SEC("license") = "GPL";

#define EPERM 1
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
	if (!inode || BPF_CORE_READ(inode, i_sb, s_dev) != s->bpffs_dev) return 0;
	__u64 ino = BPF_CORE_READ(inode, i_ino);
	const __u8 *flags = bpf_map_lookup_elem(&mg_lock_inodes, &ino);
	return flags ? *flags : 0;
}

static __always_inline int keep(const struct mg_lock_state *s, struct dentry *dentry)
{
	return dentry && (inode_flags(s, BPF_CORE_READ(dentry, d_inode)) & MG_LOCK_INODE_KEEP);
}

/* bpf(): new descriptors by id (GET_FD_BY_ID) of modgate's programs, maps and links. Links have no LSM hook of
 * their own when a descriptor is made, so this is where link ids are refused. */
SEC("lsm/bpf")
int BPF_PROG(mg_lock_bpf, int cmd, union bpf_attr *attr, unsigned int size)
{
	if (!locked()) return 0;
	switch (cmd) {
	case BPF_PROG_GET_FD_BY_ID:
		return protected_id(MG_LOCK_KIND_PROG, BPF_CORE_READ(attr, prog_id)) ? -EPERM : 0;
	case BPF_MAP_GET_FD_BY_ID:
		return map_refused(BPF_CORE_READ(attr, map_id), BPF_CORE_READ(attr, open_flags) & BPF_F_RDONLY_OPEN) ? -EPERM : 0;
	case BPF_LINK_GET_FD_BY_ID:
		return protected_id(MG_LOCK_KIND_LINK, BPF_CORE_READ(attr, link_id)) ? -EPERM : 0;
	}
	return 0;
}

/* Every new map descriptor (by id, by pin). A read-only one would still let a new program write the map, so it is
 * given only for maps no program can write (frozen, read-only to programs) and for the counters (statistics). */
SEC("lsm/bpf_map")
int BPF_PROG(mg_lock_bpf_map, struct bpf_map *map, fmode_t fmode)
{
	if (!locked()) return 0;
	return map_refused(BPF_CORE_READ(map, id), !(fmode & FMODE_WRITE)) ? -EPERM : 0;
}

/* Every new program descriptor: without one nobody can aim freplace at modgate's programs. */
SEC("lsm/bpf_prog")
int BPF_PROG(mg_lock_bpf_prog, struct bpf_prog *prog)
{
	if (!locked()) return 0;
	return protected_id(MG_LOCK_KIND_PROG, BPF_CORE_READ(prog, aux, id)) ? -EPERM : 0;
}

/* BPF_OBJ_GET checks permission on the pin's inode: that is the only place a link pin can be refused. */
SEC("lsm/inode_permission")
int BPF_PROG(mg_lock_inode_permission, struct inode *inode, int mask)
{
	const struct mg_lock_state *s;
	if (!(mask & (MAY_READ | MAY_WRITE)) || !(s = locked())) return 0;
	__u8 flags = inode_flags(s, inode);
	if (flags & MG_LOCK_INODE_SEALED) return -EPERM;
	return (flags & MG_LOCK_INODE_READ_ONLY) && (mask & MAY_WRITE) ? -EPERM : 0;
}

/* Unpinning a link detaches its program: no unlink of a pin. */
SEC("lsm/inode_unlink")
int BPF_PROG(mg_lock_inode_unlink, struct inode *dir, struct dentry *dentry)
{
	const struct mg_lock_state *s;
	if (!(s = locked())) return 0;
	return keep(s, dentry) ? -EPERM : 0;
}

SEC("lsm/inode_rmdir")
int BPF_PROG(mg_lock_inode_rmdir, struct inode *dir, struct dentry *dentry)
{
	const struct mg_lock_state *s;
	if (!(s = locked())) return 0;
	return keep(s, dentry) ? -EPERM : 0;
}

/* Neither moving a pin away nor renaming something over it (which unlinks it). */
SEC("lsm/inode_rename")
int BPF_PROG(mg_lock_inode_rename, struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
	     struct dentry *new_dentry)
{
	const struct mg_lock_state *s;
	if (!(s = locked())) return 0;
	return keep(s, old_dentry) || keep(s, new_dentry) ? -EPERM : 0;
}

SEC("lsm/inode_link")
int BPF_PROG(mg_lock_inode_link, struct dentry *old_dentry, struct inode *dir, struct dentry *new_dentry)
{
	const struct mg_lock_state *s;
	if (!(s = locked())) return 0;
	return keep(s, old_dentry) ? -EPERM : 0;
}

/* Unmounting the bpffs (lazily or not) would drop the last reference to every pin, and with it the links. */
SEC("lsm/sb_umount")
int BPF_PROG(mg_lock_sb_umount, struct vfsmount *mnt, int flags)
{
	const struct mg_lock_state *s;
	if (!(s = locked())) return 0;
	return BPF_CORE_READ(mnt, mnt_sb, s_dev) == s->bpffs_dev ? -EPERM : 0;
}

/* Mounting over the bpffs (or inside it) would hide the pins from modgate, which would then think nothing is locked. */
SEC("lsm/sb_mount")
int BPF_PROG(mg_lock_sb_mount, const char *dev_name, const struct path *path, const char *type, unsigned long flags,
	     void *data)
{
	const struct mg_lock_state *s;
	if (!(s = locked())) return 0;
	return BPF_CORE_READ(path, dentry, d_sb, s_dev) == s->bpffs_dev ? -EPERM : 0;
}

static __always_inline int name_is(struct dentry *dentry, const char *want, int len)
{
	char name[16] = {};
	if (bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(dentry, d_name.name)) != len + 1) return 0;
	for (int i = 0; i < len; i++)
		if (name[i] != want[i]) return 0;
	return 1;
}

/* kernel.modprobe names the helper the kernel runs for every autoload: pointing it elsewhere would let modules load
 * without the kernel_module_request decision ever mattering (the helper decides what to load). */
SEC("lsm/file_open")
int BPF_PROG(mg_lock_file_open, struct file *file)
{
	if (!(BPF_CORE_READ(file, f_mode) & FMODE_WRITE) || !locked()) return 0;
	struct dentry *dentry = BPF_CORE_READ(file, f_path.dentry);
	if (BPF_CORE_READ(dentry, d_sb, s_magic) != PROC_SUPER_MAGIC) return 0;
	return name_is(dentry, "modprobe", 8) && name_is(BPF_CORE_READ(dentry, d_parent), "kernel", 6) ? -EPERM : 0;
}
