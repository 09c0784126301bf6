/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The maps of modgate.bpf.o that user space knows by name (src/Modgate.Bpf/Maps), and the reads of the
 * active generation every decision starts from. Per-CPU scratch maps live with the walk that uses them.
 */
#ifndef MG_MAPS_H
#define MG_MAPS_H

#include "mg_kernel.h"
#include "modgate.h"

/* The policy maps are BPF_F_RDONLY_PROG: only user space (apply) writes them, so a program that gets a
 * descriptor to them cannot rewrite the policy; lock freezes them against user space too. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct mg_state);
} mg_state SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__uint(max_entries, MG_SLOTS);
	__type(key, __u32);
	__type(value, struct mg_config);
} mg_config SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__uint(max_entries, (MG_SLOTS * MG_MAX_RULES));
	__type(key, __u32);
	__type(value, struct mg_rule);
} mg_rules SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__uint(max_entries, (MG_SLOTS * MG_MAX_RULES));
	__type(key, __u32);
	__type(value, struct mg_rule);
} mg_grants SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__uint(max_entries, MG_MAX_INDEX);
	__type(key, struct mg_key);
	__type(value, struct mg_candidates);
} mg_literal SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, MG_MAX_INDEX);
	__uint(map_flags, BPF_F_NO_PREALLOC | BPF_F_RDONLY_PROG);
	__type(key, struct mg_lpm_key);
	__type(value, struct mg_candidates);
} mg_prefix SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__uint(max_entries, MG_MAX_INDEX);
	__type(key, struct mg_cgroup_key);
	__type(value, __u8);
} mg_cgroups SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, MG_COUNTERS);
	__type(key, __u32);
	__type(value, __u64);
} mg_counters SEC(".maps");

/* Audit events for the agent; not a policy map (programs write it), so it is not read-only to programs. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, MG_EVENTS_SIZE);
} mg_events SEC(".maps");

/* The compressed module files of the running kernel's tree (struct mg_file_value in modgate.h); apply writes it. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__uint(max_entries, MG_MAX_MODULE_FILES);
	__type(key, struct mg_file_key);
	__type(value, struct mg_file_value);
} mg_module_files SEC(".maps");

/* Who asked for each recent request_module string (struct mg_requester in modgate.h). */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, MG_MAX_PENDING);
	__type(key, char[MG_STR_LEN]);
	__type(value, struct mg_requester);
} mg_pending SEC(".maps");

#ifndef MG_REDUCED
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct mg_task);
} mg_tasks SEC(".maps");
#endif

/* The switch `modgate apply` flips last. */
static __always_inline const struct mg_state *policy_state(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&mg_state, &zero);
}

/* The generation slot the programs read (0 if the state cannot be read). */
static __always_inline __u32 active_slot(const struct mg_state *state)
{
	return state ? state->active_slot & 1 : 0;
}

static __always_inline const struct mg_config *slot_config(__u32 slot)
{
	return bpf_map_lookup_elem(&mg_config, &slot);
}

/* The config of the active generation: what apply wrote last, or the zeroed slot 0 before any apply. */
static __always_inline const struct mg_config *active_config(void)
{
	return slot_config(active_slot(policy_state()));
}

/* Whether a policy is in force (generation 0: none applied yet). */
static __always_inline int policy_applied(void)
{
	const struct mg_state *state = policy_state();

	return state && state->generation;
}

/*
 * A per-CPU scratch map is shared by every task that runs on the CPU: a task preempted while it uses the slot may find
 * it taken over. claim_scratch writes a token into the slot's owner field first; a different owner at the end means the
 * slot was overtaken and its contents are another task's.
 */
static __always_inline __u64 claim_scratch(__u64 *owner)
{
	__u64 token = bpf_ktime_get_ns() ^ (bpf_get_current_pid_tgid() << 20);

	*owner = token;
	return token;
}

#endif
