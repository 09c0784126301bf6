/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who is asking (SPEC.md §2 "Who asked"): the caller as the decision sees it, and the requester a
 * request_module string is remembered for, so that the modprobe the kernel starts for it, and a kernel thread working
 * for a user, are judged as whoever asked.
 */
#ifndef MG_CALLER_H
#define MG_CALLER_H

#include "mg_kernel.h"
#include "mg_maps.h"

/* Who is asking, as the decision sees it. */
struct mg_caller {
	__u64 caps; /* effective capabilities in the initial user namespace (none when in a child namespace) */
	__u64 cgroup_id;
	__u32 uid; /* real uid, global (init namespace) value */
	__u8 origin;
	__u8 process_mode;
	__u8 unknown; /* the requester is not known: rules keyed on uid, cap or cgroup match if deny, never if allow */
};

/* The requester of a request string, when one asked within MG_PENDING_NS. */
static __always_inline const struct mg_requester *fresh_requester(const char *request)
{
	const struct mg_requester *r = bpf_map_lookup_elem(&mg_pending, request);

	return r && bpf_ktime_get_ns() - r->asked_ns < MG_PENDING_NS ? r : NULL;
}

/*
 * The module a modprobe started by the kernel for request_module was asked for: call_modprobe (kernel/module/kmod.c)
 * runs exactly { kernel.modprobe, "-q", "--", NAME }. NAME (NUL-padded) in `name` and 0, or -1 for any other argv
 * (a core_pattern or other usermode helper that runs modprobe is not an autoload: issue 14 #5).
 */
static __always_inline int modprobe_request(unsigned long argv, char *name)
{
	char word[64];
	long n;

	if (!argv)
		return -1;
	n = bpf_probe_read_user_str(word, sizeof(word), (void *)argv);
	if (n < 2 || n >= (long)sizeof(word))
		return -1;
	argv += n;
	n = bpf_probe_read_user_str(word, 4, (void *)argv);
	if (n != 3 || word[0] != '-' || word[1] != 'q')
		return -1;
	argv += n;
	n = bpf_probe_read_user_str(word, 4, (void *)argv);
	if (n != 3 || word[0] != '-' || word[1] != '-')
		return -1;
	argv += n;
	n = bpf_probe_read_user_str(name, MG_STR_LEN, (void *)argv);
	return n > 1 ? 0 : -1;
}

/* A load the autoload helper makes is judged as the task that asked for the module, with origin=autoload. */
static __always_inline void act_as_requester(struct mg_caller *c, __u32 uid, __u64 caps, __u64 cgroup_id, int unknown)
{
	c->origin = MG_ORIGIN_AUTOLOAD;
	c->uid = uid;
	c->caps = unknown ? 0 : caps; /* unknown: judged as unprivileged */
	c->cgroup_id = cgroup_id;
	c->unknown = unknown ? 1 : 0;
}

static __always_inline void read_caller(struct mg_caller *c, __u8 verb)
{
	struct task_struct *task = current_task();
	const struct cred *cred = BPF_CORE_READ(task, cred);
	__u64 caps = 0;

	c->uid = BPF_CORE_READ(cred, uid.val);
	/* kernel_cap_t is two __u32 on 6.1 and one __u64 later: 8 bytes, little-endian, either way. */
	bpf_core_read(&caps, sizeof(caps), &cred->cap_effective);
	c->caps = BPF_CORE_READ(cred, user_ns, level) == 0 ? caps : 0;
	c->cgroup_id = bpf_get_current_cgroup_id();

	c->process_mode = 0;
	c->unknown = 0;
	c->origin = verb == MG_VERB_AUTOLOAD ? MG_ORIGIN_AUTOLOAD : MG_ORIGIN_EXPLICIT;
#ifdef MG_REDUCED
	/* No task storage to carry the mark: the modprobe the kernel started is recognized by its parent and its argv,
	 * which must name a pending request; it loads as that request's requester. */
	if (verb == MG_VERB_LOAD && (BPF_CORE_READ(task, real_parent, flags) & PF_KTHREAD)) {
		char name[MG_STR_LEN] = {};
		const struct mg_requester *r;
		if (modprobe_request((unsigned long)BPF_CORE_READ(task, mm, arg_start), name) == 0 &&
		    (r = fresh_requester(name)))
			act_as_requester(c, r->uid, r->caps, r->cgroup_id, r->flags & MG_REQUESTER_UNKNOWN);
	}
#else
	struct mg_task *own = bpf_task_storage_get(&mg_tasks, task, 0, 0);
	if (own) {
		__u32 v = verb;

		/* keep the bound check: callers checked verb, but the verifier may not know it any more */
		barrier_var(v);
		if (v < MG_VERBS)
			c->process_mode = own->mode[v];
		if (verb == MG_VERB_LOAD && (own->flags & MG_TASK_ORIGIN_AUTOLOAD))
			act_as_requester(c, own->requester_uid, own->requester_caps, own->requester_cgroup,
					 own->flags & MG_TASK_REQUESTER_UNKNOWN);
	}
#endif
}

/* Records who asked for a request string; a second, different requester within MG_PENDING_NS makes it unknown. */
static __always_inline void remember_requester(const char *asked, const struct mg_caller *c)
{
	struct mg_requester r = {
		.caps = c->caps,
		.cgroup_id = c->cgroup_id,
		.uid = c->uid,
		.asked_ns = bpf_ktime_get_ns(),
		.flags = c->unknown ? MG_REQUESTER_UNKNOWN : 0,
	};
	const struct mg_requester *old = fresh_requester(asked);

	if (old && ((old->flags & MG_REQUESTER_UNKNOWN) || old->uid != r.uid || old->caps != r.caps ||
		    old->cgroup_id != r.cgroup_id))
		r.flags |= MG_REQUESTER_UNKNOWN;
	bpf_map_update_elem(&mg_pending, asked, &r, BPF_ANY);
}

#define CRYPTO_PREFIX_LEN 7 /* "crypto-" */

/*
 * A kernel thread's request made for a user (issue 14 #1): the crypto manager instantiates a template (cryptomgr_probe)
 * or tests an algorithm (cryptomgr_test) in a kernel thread of its own, with every capability, for whoever asked for
 * "crypto-NAME" (crypto/algboss.c). Its requests are judged as that requester, found by the name the thread works
 * on; a thread whose work nobody asked for recently is the kernel's own and keeps its identity.
 */
static __always_inline void attribute_kernel_thread(struct mg_caller *c)
{
	struct task_struct *task = current_task();
	char key[MG_STR_LEN] = {};
	__u64 prefix = 0x2d6f7470797263ULL; /* "crypto-" as a word: an initialized array would need a .rodata map */
	char comm[16] = {};
	const struct mg_requester *r;
	void *kthread, *data;
	int probe;

	if (!(BPF_CORE_READ(task, flags) & PF_KTHREAD))
		return;
	__builtin_memcpy(key, &prefix, sizeof(prefix));
	bpf_get_current_comm(comm, sizeof(comm));
	/* "cryptomgr_probe" / "cryptomgr_test": compare as words (no .rodata strings) */
	if (comm[0] != 'c' || comm[1] != 'r' || comm[2] != 'y' || comm[3] != 'p' || comm[4] != 't' || comm[5] != 'o' ||
	    comm[6] != 'm' || comm[7] != 'g' || comm[8] != 'r' || comm[9] != '_')
		return;
	probe = comm[10] == 'p' && comm[11] == 'r' && comm[12] == 'o' && comm[13] == 'b' && comm[14] == 'e' &&
		!comm[15];
	if (!probe && !(comm[10] == 't' && comm[11] == 'e' && comm[12] == 's' && comm[13] == 't' && !comm[14]))
		return;
	/* to_kthread(): worker_private from 5.17, set_child_tid before */
	if (bpf_core_field_exists(task->worker_private))
		kthread = BPF_CORE_READ(task, worker_private);
	else
		kthread = (void *)BPF_CORE_READ(task, set_child_tid);
	data = BPF_CORE_READ((struct kthread *)kthread, data);
	if (!data)
		return;
	if (probe) {
		struct crypto_larval *larval = BPF_CORE_READ((struct cryptomgr_param *)data, larval);
		bpf_probe_read_kernel_str(key + CRYPTO_PREFIX_LEN, MG_STR_LEN - CRYPTO_PREFIX_LEN,
					  &larval->alg.cra_name);
	} else {
		bpf_probe_read_kernel_str(key + CRYPTO_PREFIX_LEN, MG_STR_LEN - CRYPTO_PREFIX_LEN,
					  &((struct crypto_test_param *)data)->alg);
	}
	r = fresh_requester(key);
	if (r) {
		c->uid = r->uid;
		c->unknown = (r->flags & MG_REQUESTER_UNKNOWN) ? 1 : 0;
		c->caps = c->unknown ? 0 : r->caps;
		c->cgroup_id = r->cgroup_id;
	}
}

#ifndef MG_REDUCED
/*
 * The modprobe the kernel starts for request_module: its parent is a kernel thread, its program is kernel.modprobe, and
 * its argv names a request someone made within MG_PENDING_NS. It, and its children (install commands), load with
 * origin=autoload as that requester; a helper started otherwise (core_pattern, other usermode helpers) gets no mark.
 */
static __always_inline int mark_kernel_modprobe(struct linux_binprm *bprm, struct task_struct *task)
{
	char path[64] = {};
	char name[MG_STR_LEN] = {};
	const struct mg_requester *r;
	const struct mg_config *cfg = active_config();

	if (!cfg)
		return 0;
	if (cfg->modprobe_path[0]) {
		bpf_probe_read_kernel_str(path, sizeof(path), BPF_CORE_READ(bprm, filename));
		for (int i = 0; i < sizeof(path); i++)
			if (path[i] != cfg->modprobe_path[i])
				return 0;
	}
	/* bprm->p: the argv strings in the new stack, before setup_arg_pages moves them (mm->arg_start is not set yet). */
	if (modprobe_request(BPF_CORE_READ(bprm, p), name) || !(r = fresh_requester(name)))
		return 0;
	struct mg_task *own = bpf_task_storage_get(&mg_tasks, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (own) {
		own->flags |=
			MG_TASK_ORIGIN_AUTOLOAD | ((r->flags & MG_REQUESTER_UNKNOWN) ? MG_TASK_REQUESTER_UNKNOWN : 0);
		own->requester_uid = r->uid;
		own->requester_caps = r->caps;
		own->requester_cgroup = r->cgroup_id;
	}
	return 0;
}
#endif

#endif
