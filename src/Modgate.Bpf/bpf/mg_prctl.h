/* SPDX-License-Identifier: GPL-2.0 */
/*
 * modgate's private prctl (MG_PRCTL_* in modgate.h): per-process modes and the decision oracle.
 */
#ifndef MG_PRCTL_H
#define MG_PRCTL_H

#include "mg_decide.h"
#include "lsm_return.h"

/* A successful prctl answer: an errno the verifier can bound (see MG_PRCTL_ANSWER in modgate.h). */
static __always_inline int prctl_answer(__u32 payload)
{
	return negative_code(MG_PRCTL_ANSWER, payload, MG_PRCTL_PAYLOAD_LIMIT);
}

#ifndef MG_REDUCED
static __always_inline int set_mode(unsigned long verb, unsigned long mode)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct mg_task *own;
	__u64 caps = 0;

	if (verb >= MG_VERBS || mode > MG_MODE_OFF)
		return -EINVAL;
	/* Like seccomp: an unprivileged task must first give up gaining privileges through exec. */
	bpf_core_read(&caps, sizeof(caps), &task->cred->cap_effective);
	if (!(BPF_CORE_READ(task, atomic_flags) & (1UL << PFA_NO_NEW_PRIVS)) && !(caps & (1ULL << MG_CAP_SYS_ADMIN)))
		return -EACCES;
	own = bpf_task_storage_get(&mg_tasks, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!own)
		return -ENOMEM;
	__u32 v = verb;
	if (v >= MG_VERBS)
		return -EINVAL;
	if (mode < own->mode[v])
		return -EPERM; /* modes only rise */
	own->mode[v] = mode;
	return prctl_answer(0);
}

static __always_inline int get_modes(void)
{
	struct mg_task *own = bpf_task_storage_get(&mg_tasks, bpf_get_current_task_btf(), 0, 0);

	if (!own)
		return prctl_answer(0);
	return prctl_answer(own->mode[0] | own->mode[1] << MG_PRCTL_MODE_BITS |
			    own->mode[2] << (2 * MG_PRCTL_MODE_BITS));
}
#endif

/* Whether the caller may ask MG_PRCTL_DECIDE: CAP_SYS_ADMIN in the initial namespace, or (where task storage exists)
 * a mark inherited from a task that had it. */
static __always_inline int may_decide(const struct mg_caller *c)
{
	if (c->caps & (1ULL << MG_CAP_SYS_ADMIN))
		return 1;
#ifdef MG_REDUCED
	return 0;
#else
	struct mg_task *own = bpf_task_storage_get(&mg_tasks, bpf_get_current_task_btf(), 0, 0);
	return own && (own->flags & MG_TASK_MAY_DECIDE);
#endif
}

static __always_inline int allow_decide(void)
{
	struct mg_caller c;

	read_caller(&c, MG_VERB_AUTOLOAD);
	if (!(c.caps & (1ULL << MG_CAP_SYS_ADMIN)))
		return -EPERM;
#ifdef MG_REDUCED
	return prctl_answer(0); /* no task storage: only CAP_SYS_ADMIN callers ever may */
#else
	struct mg_task *own =
		bpf_task_storage_get(&mg_tasks, bpf_get_current_task_btf(), 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!own)
		return -ENOMEM;
	own->flags |= MG_TASK_MAY_DECIDE;
	return prctl_answer(0);
#endif
}

/* The decision this caller would get for a request, without acting or counting; one part of the answer. */
static __always_inline int decide_for_caller(unsigned long verb, unsigned long name_ptr, unsigned long arg5)
{
	char name[MG_STR_LEN] = {};
	unsigned long origin = arg5 & 0xff, part = arg5 >> MG_PRCTL_PART_SHIFT;
	struct mg_caller c;
	struct mg_decision d;
	__u32 rule;
	long n;

	if (verb >= MG_VERBS || part > MG_PRCTL_PART_RULE_HIGH)
		return -EINVAL;
	n = bpf_probe_read_user_str(name, sizeof(name), (const void *)name_ptr);
	if (n < 1)
		return -EINVAL;
	normalize_name(name);
	read_caller(&c, verb);
	if (!may_decide(&c))
		return -EACCES;
	if (verb == MG_VERB_LOAD && (origin == MG_ORIGIN_AUTOLOAD || origin == MG_ORIGIN_EXPLICIT))
		c.origin = origin;
	decide(verb, name, n - 1, &c, &d);
	rule = (__u32)(d.rule_index + 1);
	if (part == MG_PRCTL_PART_RULE_LOW)
		return prctl_answer(rule & ((1 << MG_PRCTL_RULE_PART_BITS) - 1));
	if (part == MG_PRCTL_PART_RULE_HIGH)
		return prctl_answer(rule >> MG_PRCTL_RULE_PART_BITS);
	return prctl_answer((d.verdict == MG_VERDICT_DENY ? MG_DECISION_DENY : 0) |
			    (d.would_deny ? MG_DECISION_WOULD_DENY : 0) | ((d.layer & 3) << MG_DECISION_LAYER_SHIFT));
}

#endif
