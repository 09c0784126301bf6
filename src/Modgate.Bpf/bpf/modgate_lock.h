/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What `modgate lock` (modgate_lock.bpf.c) and user space (src/Modgate.Enforcement/Lock/LockLayouts.cs) share.
 * Every map here is BPF_F_RDONLY_PROG and frozen once written: neither a program nor bpf() can change it after
 * lock, which is why a descriptor to these maps may be handed out (status reads them).
 */
#ifndef MODGATE_LOCK_H
#define MODGATE_LOCK_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Kernel objects whose new descriptors are refused after lock: modgate's programs, links and writable maps. */
#define MG_LOCK_MAX_IDS 256
/* Mounts above the pins' bpffs mount that sb_umount walks; a deeper chain is refused (fail closed). */
#define MG_LOCK_MAX_MOUNT_DEPTH 64
/* Inodes of the pins and their directories in bpffs. */
#define MG_LOCK_MAX_INODES 256

#define MG_LOCK_KIND_PROG 1
#define MG_LOCK_KIND_MAP 2
#define MG_LOCK_KIND_LINK 3
#define MG_LOCK_KIND_HOOK 4 /* the BTF id of bpf_lsm_HOOK: no new LSM program on the hooks modgate relies on */

/* mg_lock_state.flags */
#define MG_LOCK_LOCKED 0x1
#define MG_LOCK_MODULES_DISABLED 0x2 /* `load off` + lock also set kernel.modules_disabled=1 */

/* mg_lock_ids values: what a new descriptor may be */
#define MG_LOCK_NO_DESCRIPTOR 1 /* none at all: programs, links, maps programs write (task modes, scratch) */
#define MG_LOCK_READ_ONLY 2 /* read-only only: the frozen policy maps and the counters, so `status` still reads them */

/* mg_lock_inodes values */
#define MG_LOCK_INODE_KEEP 0x1      /* no unlink, rename (either side) or hard link */
#define MG_LOCK_INODE_SEALED 0x2    /* no open (BPF_OBJ_GET goes through inode_permission) */
#define MG_LOCK_INODE_READ_ONLY 0x4 /* read-only opens only (BPF_OBJ_GET with BPF_F_RDONLY) */

struct mg_lock_id {
	__u32 kind; /* MG_LOCK_KIND_* */
	__u32 id;
};

/* Array of one. */
struct mg_lock_state {
	__u32 flags;      /* MG_LOCK_* */
	__u32 bpffs_dev;  /* kernel dev_t of the bpffs holding the pins: (major << 20) | minor */
	__u64 locked_at;  /* Unix time in seconds, for `status` */
	__u32 generation; /* modgate's policy generation in force when locked */
	__u32 reserved;
};

#endif
