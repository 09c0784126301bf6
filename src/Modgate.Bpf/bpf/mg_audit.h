/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a decision leaves behind: the per-CPU counters, an audit event for the agent, and the program's return
 * value.
 */
#ifndef MG_AUDIT_H
#define MG_AUDIT_H

#include "lsm_return.h"
#include "mg_decide.h"

static __always_inline void add_counter(__u32 index)
{
	__u64 *n = bpf_map_lookup_elem(&mg_counters, &index);
	if (n)
		*n += 1;
}

/* The basename of the task's executable: bpf_d_path is not allowed in these hooks; user space completes it. */
static __always_inline void read_exe(struct task_struct *task, char *exe)
{
	const unsigned char *name = BPF_CORE_READ(task, mm, exe_file, f_path.dentry, d_name.name);

	if (!name || bpf_probe_read_kernel_str(exe, MG_EVENT_EXE_LEN, name) < 0)
		exe[0] = 0;
}

/* One event per deny, would-deny or audited decision; a full buffer is counted, never silent. */
static __always_inline void emit(__u8 verb, const char *request, const char *module, const struct mg_caller *c,
				 const struct mg_decision *d)
{
	struct task_struct *task;
	struct mg_event *e;
	__u64 id;

	if (d->verdict != MG_VERDICT_DENY && !d->would_deny && d->audit_rule < 0)
		return;
	e = bpf_ringbuf_reserve(&mg_events, sizeof(*e), 0);
	if (!e) {
		add_counter(MG_COUNTER_EVENTS_DROPPED);
		return;
	}
	task = current_task();
	id = bpf_get_current_pid_tgid();
	e->boot_ns = bpf_ktime_get_boot_ns();
	e->cgroup_id = c->cgroup_id;
	e->caps = c->caps;
	e->pid = (__u32)id;
	e->tgid = id >> 32;
	e->uid = c->uid;
	e->generation = d->generation;
	e->rule = (__u32)(d->rule_index + 1);
	e->audit_rule = (__u32)(d->audit_rule + 1);
	e->verb = verb;
	e->origin = verb == MG_VERB_UNLOAD ? MG_ORIGIN_ANY : c->origin;
	e->decision = d->would_deny                   ? MG_EVENT_WOULD_DENY
		      : d->verdict == MG_VERDICT_DENY ? MG_EVENT_DENY
						      : MG_EVENT_ALLOW;
	e->layer = d->layer;
	e->reason = d->reason;
	__builtin_memset(e->pad, 0, sizeof(e->pad));
	if (request)
		__builtin_memcpy(e->request, request, MG_STR_LEN);
	else
		__builtin_memset(e->request, 0, MG_STR_LEN);
	if (module)
		__builtin_memcpy(e->module, module, MG_STR_LEN);
	else
		__builtin_memset(e->module, 0, MG_STR_LEN);
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	read_exe(task, e->exe);
	bpf_ringbuf_submit(e, 0);
}

static __always_inline int enforce(__u8 verb, const char *request, const char *module, const struct mg_caller *c,
				   const struct mg_decision *d)
{
	__u32 base = (__u32)verb * MG_OUTCOMES;

	emit(verb, request, module, c, d);

	if (d->would_deny)
		add_counter(base + MG_OUTCOME_WOULD_DENY);
	else if (d->verdict == MG_VERDICT_DENY)
		add_counter(base + MG_OUTCOME_DENIED);
	else
		add_counter(base + MG_OUTCOME_ALLOWED);
	if (d->audited)
		add_counter(base + MG_OUTCOME_AUDITED);
	return refusal(d->verdict == MG_VERDICT_DENY);
}

#endif
