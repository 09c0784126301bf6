/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Explicit load: which name an image is judged by (its own, or for a compressed file of the running kernel's
 * tree the one its path gives), and the judgement.
 */
#ifndef MG_LOAD_H
#define MG_LOAD_H

#include "mg_audit.h"
#include "mg_elf.h"

/* Compressed images (in-kernel decompression, MODULE_INIT_COMPRESSED_FILE): xz, zstd or gzip magic. */
static __always_inline int compressed(const char *image, __s64 size)
{
	__u8 m[6] = {};

	if (size < (__s64)sizeof(m) || bpf_probe_read_kernel(m, sizeof(m), image))
		return 0;
	return (m[0] == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X' && m[4] == 'Z' && m[5] == 0) ||
	       (m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) || (m[0] == 0x1f && m[1] == 0x8b);
}

/* struct inode's ctime across kernels: i_ctime (to 6.5), __i_ctime (6.6-6.10), i_ctime_sec/_nsec (6.11 on). */
struct inode___ctime_split {
	time64_t i_ctime_sec;
	u32 i_ctime_nsec;
} __attribute__((preserve_access_index));

struct inode___ctime_private {
	struct timespec64 __i_ctime;
} __attribute__((preserve_access_index));

static __always_inline void inode_ctime(struct inode *inode, __s64 *sec, __u64 *nsec)
{
	if (bpf_core_field_exists(((struct inode___ctime_split *)inode)->i_ctime_sec)) {
		*sec = BPF_CORE_READ((struct inode___ctime_split *)inode, i_ctime_sec);
		*nsec = BPF_CORE_READ((struct inode___ctime_split *)inode, i_ctime_nsec);
	} else if (bpf_core_field_exists(((struct inode___ctime_private *)inode)->__i_ctime)) {
		*sec = BPF_CORE_READ((struct inode___ctime_private *)inode, __i_ctime.tv_sec);
		*nsec = BPF_CORE_READ((struct inode___ctime_private *)inode, __i_ctime.tv_nsec);
	} else {
		*sec = BPF_CORE_READ(inode, i_ctime.tv_sec);
		*nsec = BPF_CORE_READ(inode, i_ctime.tv_nsec);
	}
}

/* The name of an indexed compressed module file whose inode is as apply saw it (size and ctime), or -1. */
static __always_inline long indexed_name(struct file *file, __s64 size, char *name)
{
	struct inode *inode = BPF_CORE_READ(file, f_inode);
	struct mg_file_key key = { .dev = BPF_CORE_READ(inode, i_sb, s_dev), .ino = BPF_CORE_READ(inode, i_ino) };
	const struct mg_file_value *v = bpf_map_lookup_elem(&mg_module_files, &key);
	__s64 sec;
	__u64 nsec;

	if (!v || v->size != (__u64)size || BPF_CORE_READ(inode, i_size) != size)
		return -1;
	inode_ctime(inode, &sec, &nsec);
	if (sec != v->ctime_sec || nsec != v->ctime_nsec)
		return -1;
	__builtin_memcpy(name, v->name, MG_STR_LEN);
	name[MG_STR_LEN - 1] = 0;
	for (int i = 0; i < MG_STR_LEN; i++)
		if (!name[i])
			return i ? i : -1;
	return -1;
}

/* A load judged by a name found for the image (its own, or the index's); len <= 0: no name, -len the reason. */
static __always_inline int judge_named(char *name, long len)
{
	struct mg_caller c;
	struct mg_decision d;
	__u8 reason = MG_REASON_NONE;

	if (len <= 0) {
		reason = (__u8)-len;
		__builtin_memset(name, 0, MG_STR_LEN);
		len = 0;
	}
	read_caller(&c, MG_VERB_LOAD);
	normalize_name(name);
	decide(MG_VERB_LOAD, name, len, &c, &d);
	if (reason)
		judge_unnamed(MG_VERB_LOAD, reason, &d);
	return enforce(MG_VERB_LOAD, NULL, name, &c, &d);
}

#endif
