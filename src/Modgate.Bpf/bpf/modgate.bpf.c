// SPDX-License-Identifier: GPL-2.0
/*
 * modgate's kernel side: BPF LSM programs that judge module autoload, explicit load and unload by SPEC.md's
 * decision order (per-process mode, global mode, first matching rule, default), reading the tables
 * `modgate apply` writes. Every rule lookup goes through an index (hash for literal strings, LPM trie for
 * prefixes), never a scan of all rules. Every helper function is static: a global subprogram could be
 * replaced with freplace.
 *
 * Built twice (src/Modgate.Bpf/bpf/Makefile): the full object for kernels >= 5.17, and with -DMG_REDUCED the
 * reduced one for 5.7-5.16, which avoids what those kernels lack: BPF task storage (5.11: no per-process modes,
 * origin=autoload only for the modprobe the kernel starts itself), bpf_get_current_task_btf (5.11: plain task
 * pointer and CO-RE reads), bpf_task_pt_regs (5.15: the registers at the top of the kernel stack), bpf_loop
 * (5.17: bounded loops; an image with more sections than the bound is refused) and bpf_find_vma (5.17: a
 * bounded walk of the VMA red-black tree, which kernels before 6.1 have; refused when the walk cannot tell).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "modgate.h"
#include "lsm_return.h"

char LICENSE[] SEC("license") = "GPL";

#define ENOMEM 12
#define ENOSYS 38
#define EACCES 13
#define EINVAL 22
#define EOPNOTSUPP 95

#define PF_KTHREAD 0x00200000
#define PFA_NO_NEW_PRIVS 0 /* bit of task_struct.atomic_flags */
#define TS_COMPAT 0x0002   /* thread_info.status: the task is in a 32-bit syscall */
#define X32_SYSCALL_BIT 0x40000000
#define NR_DELETE_MODULE_64 176
#define NR_DELETE_MODULE_32 129
#define O_TRUNC 01000
#define VM_SHARED 0x8
#define VM_MAYSHARE 0x80

#ifdef MG_REDUCED
/* x86_64 without KASAN (Debian): PAGE_SIZE << 2; pt_regs end the stack (no TOP_OF_KERNEL_STACK_PADDING). */
#define THREAD_SIZE (4096 << 2)
/* Sections scanned for .gnu.linkonce.this_module (Debian's modules have at most 93): the 5.10 verifier follows at
 * most 8192 branches along one path through the unrolled walk. */
#define MG_REDUCED_MAX_SECTIONS 128
/* Depth of the VMA tree walk: a red-black tree of vm.max_map_count (65530) VMAs is at most 32 deep. */
#define MG_REDUCED_VMA_DEPTH 40
/* The task running the program: a plain pointer before 5.11, read only through CO-RE probe reads. */
#define current_task() ((struct task_struct *)bpf_get_current_task())
#else
#define current_task() bpf_get_current_task_btf()
#endif

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
	__uint(max_entries, MG_SLOTS * MG_MAX_RULES);
	__type(key, __u32);
	__type(value, struct mg_rule);
} mg_rules SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__uint(max_entries, MG_SLOTS * MG_MAX_RULES);
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

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct mg_elf_scan);
} mg_elf_scan SEC(".maps");

/* Who is asking, as the decision sees it. */
struct mg_caller {
	__u64 caps; /* effective capabilities in the initial user namespace (none when in a child namespace) */
	__u64 cgroup_id;
	__u32 uid;  /* real uid, global (init namespace) value */
	__u8 origin;
	__u8 process_mode;
	__u8 unknown; /* the requester is not known: rules keyed on uid, cap or cgroup match if deny, never if allow */
};

/* What a walk over one candidate list found. */
struct mg_walk_result {
	__u8 found;       /* an allow/deny rule (or a grant) matched */
	__u8 action;
	__u8 audited;
	__s32 rule_index;
	__s32 audit_rule; /* the first `audit` rule passed, -1 = none */
};

#ifndef MG_REDUCED
/*
 * The walk over one candidate list, done by bpf_loop: its state lives in a per-CPU map (the 6.1 verifier
 * mishandles callback stack state). A task preempted mid-walk may find the slot reused by another task on
 * the same CPU: `owner` detects that and the walk is redone.
 */
struct mg_walk {
	__u64 owner;
	struct mg_caller caller;
	__u32 slot;
	__u8 is_grant;
	struct mg_walk_result result;
	struct mg_candidates cand;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct mg_walk);
} mg_walk SEC(".maps");
#endif

struct mg_decision {
	__u8 verdict;
	__u8 would_deny;
	__u8 layer;
	__u8 audited;
	__s32 rule_index; /* -1 when no rule decided */
	__s32 audit_rule; /* the first `audit` rule passed, -1 = none */
	__u32 generation; /* the policy generation that decided, 0 = none applied */
	__u8 reason;      /* MG_REASON_*: judged without a name, and why */
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
		if (modprobe_request((unsigned long)BPF_CORE_READ(task, mm, arg_start), name) == 0 && (r = fresh_requester(name)))
			act_as_requester(c, r->uid, r->caps, r->cgroup_id, r->flags & MG_REQUESTER_UNKNOWN);
	}
#else
	struct mg_task *own = bpf_task_storage_get(&mg_tasks, task, 0, 0);
	if (own) {
		__u32 v = verb;

		barrier_var(v); /* keep the bound check: callers checked verb, but the verifier may not know it any more */
		if (v < MG_VERBS)
			c->process_mode = own->mode[v];
		if (verb == MG_VERB_LOAD && (own->flags & MG_TASK_ORIGIN_AUTOLOAD))
			act_as_requester(c, own->requester_uid, own->requester_caps, own->requester_cgroup,
					 own->flags & MG_TASK_REQUESTER_UNKNOWN);
	}
#endif
}

/*
 * Module names and request strings compare with '-' and '_' equal, as the kernel and modprobe do. Word by word and
 * without a branch per byte: a branch per byte would give the verifier two states per byte to explore (2^58).
 */
static __always_inline __u64 dashes_to_underscores(__u64 w)
{
	const __u64 low7 = 0x7f7f7f7f7f7f7f7fULL;
	__u64 x = w ^ 0x2d2d2d2d2d2d2d2dULL;   /* the bytes that were '-' are now 0 */
	__u64 t = ((x & low7) + low7) | x;     /* high bit set in every non-zero byte, exactly */
	__u64 zero = ~t & 0x8080808080808080ULL; /* high bit set in every zero byte */

	return w ^ ((zero >> 7) * ('-' ^ '_'));
}

static __always_inline void normalize_name(char *s)
{
	__u64 w;

#pragma unroll
	for (int i = 0; i + 8 <= MG_STR_LEN; i += 8) {
		__builtin_memcpy(&w, s + i, 8);
		w = dashes_to_underscores(w);
		__builtin_memcpy(s + i, &w, 8);
	}
#pragma unroll
	for (int i = MG_STR_LEN & ~7; i < MG_STR_LEN; i++)
		if (s[i] == '-')
			s[i] = '_';
}

/* The candidate list of a string: the exact entry if there is one, else the longest prefix entry. */
static __always_inline const struct mg_candidates *find_candidates(__u32 slot, __u8 table, const char *str, long len)
{
	struct mg_lpm_key k = {};
	const struct mg_candidates *c;

	k.key.slot = slot;
	k.key.table = table;
	__builtin_memcpy(k.key.str, str, MG_STR_LEN);
	c = bpf_map_lookup_elem(&mg_literal, &k.key);
	if (c)
		return c;
	if (len < 0)
		len = 0;
	if (len > MG_STR_LEN)
		len = MG_STR_LEN;
	k.prefixlen = 16 + 8 * (__u32)len;
	return bpf_map_lookup_elem(&mg_prefix, &k);
}

static __always_inline int keys_match(const struct mg_rule *r, __u32 slot, __u16 index, __u8 is_grant,
				      const struct mg_caller *c)
{
	if (r->origin != MG_ORIGIN_ANY && r->origin != c->origin)
		return 0;
	/* An unknown requester fails closed: a rule keyed on who asks matches when it denies, never when it allows. */
	if (c->unknown && ((r->flags & (MG_RULE_HAS_UID | MG_RULE_HAS_CGROUP)) || r->capability != MG_NO_CAPABILITY))
		return r->action == MG_ACTION_DENY;
	if ((r->flags & MG_RULE_HAS_UID) && (c->uid < r->uid_first || c->uid > r->uid_last))
		return 0;
	if (r->capability != MG_NO_CAPABILITY && !(c->caps & (1ULL << (r->capability & 63))))
		return 0;
	if (r->flags & MG_RULE_HAS_CGROUP) {
		struct mg_cgroup_key k = {
			.slot = slot, .is_grant = is_grant, .index = index, .cgroup_id = c->cgroup_id,
		};
		if (!bpf_map_lookup_elem(&mg_cgroups, &k))
			return 0;
	}
	return 1;
}

/* One rule (or grant) of a candidate list: 1 ends the walk (a rule decided), 0 goes on. */
static __always_inline int walk_one(const struct mg_rule *r, __u32 slot, __u16 index, __u8 is_grant,
				    const struct mg_caller *c, struct mg_walk_result *out)
{
	if (!r || !keys_match(r, slot, index, is_grant, c))
		return 0;
	if (r->action == MG_ACTION_AUDIT) {
		if (!out->audited)
			out->audit_rule = r->rule_index;
		out->audited = 1;
		return 0;
	}
	out->found = 1;
	out->action = r->action;
	out->rule_index = r->rule_index;
	return 1;
}

static __always_inline const struct mg_rule *candidate_rule(__u32 slot, __u8 is_grant, __u16 index)
{
	__u32 key = (slot & 1) * MG_MAX_RULES + (index & (MG_MAX_RULES - 1));

	return bpf_map_lookup_elem(is_grant ? (void *)&mg_grants : (void *)&mg_rules, &key);
}

static __always_inline void walk_begin(struct mg_walk_result *out)
{
	out->found = 0;
	out->action = 0;
	out->audited = 0;
	out->rule_index = -1;
	out->audit_rule = -1;
}

#ifdef MG_REDUCED
/*
 * Before 5.17 (no bpf_loop) the walk is a bounded loop the verifier follows iteration by iteration. It reads the
 * candidate list where the lookup found it (a map value stays valid for the program's run) and keeps its state on the
 * stack: no per-CPU slot that another task could take over, so no retries, each of which the 5.10 verifier would
 * follow again (three retries of two walks put mg_post_read_file over its 1,000,000-instruction limit).
 */
static __always_inline int walk_candidates(__u32 slot, __u8 is_grant, const struct mg_candidates *cand,
					   const struct mg_caller *c, struct mg_walk_result *out)
{
	walk_begin(out);
	for (__u32 i = 0; i < MG_MAX_CANDIDATES; i++) {
		__u64 k = i;

		barrier_var(k); /* one register for the bound check and the access, or the verifier loses the bound */
		if (k >= MG_MAX_CANDIDATES || k >= cand->count)
			break;
		__u16 index = cand->index[k];
		if (walk_one(candidate_rule(slot, is_grant, index), slot & 1, index, is_grant, c, out))
			break;
	}
	return 0;
}
#else
static long walk_candidate(__u32 i, void *unused)
{
	__u32 zero = 0;
	struct mg_walk *w = bpf_map_lookup_elem(&mg_walk, &zero);
	__u64 k = i;

	barrier_var(k); /* one register for the bound check and the access, or the verifier loses the bound */
	if (!w || k >= MG_MAX_CANDIDATES || k >= w->cand.count)
		return 1;
	__u16 index = w->cand.index[k];
	return walk_one(candidate_rule(w->slot, w->is_grant, index), w->slot & 1, index, w->is_grant, &w->caller,
			&w->result);
}

/* The first rule (or grant) of a candidate list whose other keys match the caller; -1 when the walk was lost. */
static __always_inline int walk_candidates(__u32 slot, __u8 is_grant, const struct mg_candidates *cand,
					   const struct mg_caller *c, struct mg_walk_result *out)
{
	__u32 zero = 0;

	for (int attempt = 0; attempt < 3; attempt++) {
		struct mg_walk *w = bpf_map_lookup_elem(&mg_walk, &zero);
		if (!w)
			return -1;
		__u64 owner = bpf_ktime_get_ns() ^ (bpf_get_current_pid_tgid() << 20);
		w->owner = owner;
		w->caller = *c;
		w->slot = slot;
		w->is_grant = is_grant;
		walk_begin(&w->result);
		w->cand = *cand;
		bpf_loop(MG_MAX_CANDIDATES, walk_candidate, NULL, 0);
		if (w->owner != owner)
			continue;
		*out = w->result;
		return 0;
	}
	return -1;
}
#endif

static __always_inline int grant_matches(__u32 slot, const char *str, long len, const struct mg_caller *c)
{
	const struct mg_candidates *cand = find_candidates(slot, MG_TABLE_GRANT, str, len);
	struct mg_walk_result result;

	if (!cand || walk_candidates(slot, 1, cand, c, &result) < 0)
		return 0;
	return result.found;
}

/* `privileged`: CAP_SYS_MODULE in the initial user namespace, or (autoload only) a matching grant. */
static __always_inline int mode_allows(__u8 mode, __u8 verb, __u32 slot, const char *str, long len,
				       const struct mg_caller *c)
{
	if (mode == MG_MODE_CLASSIC)
		return 1;
	if (mode != MG_MODE_PRIVILEGED)
		return 0;
	if (c->caps & (1ULL << MG_CAP_SYS_MODULE))
		return 1;
	return verb == MG_VERB_AUTOLOAD && grant_matches(slot, str, len, c);
}

static __always_inline void soften(const struct mg_config *cfg, struct mg_decision *d)
{
	if (cfg->enforcement == MG_COMPLAIN && d->verdict == MG_VERDICT_DENY) {
		d->verdict = MG_VERDICT_ALLOW;
		d->would_deny = 1;
	}
}

/* SPEC.md §2: each layer must allow; the first that denies decides. */
static __always_inline void decide(__u8 verb, const char *str, long len, const struct mg_caller *c,
				   struct mg_decision *d)
{
	__u32 zero = 0;
	const struct mg_state *state = bpf_map_lookup_elem(&mg_state, &zero);
	__u32 slot = state ? state->active_slot & 1 : 0;
	const struct mg_config *cfg = bpf_map_lookup_elem(&mg_config, &slot);

	d->verdict = MG_VERDICT_ALLOW;
	d->would_deny = 0;
	d->audited = 0;
	d->rule_index = -1;
	d->audit_rule = -1;
	d->reason = MG_REASON_NONE;
	d->generation = state ? state->generation : 0;

	/* 1. The task's own mode: not part of the policy, so complain mode does not soften it. (The reduced object has
	 * no per-process modes; leaving the layer out spares the verifier a third candidate walk per program.) */
#ifndef MG_REDUCED
	if (!mode_allows(c->process_mode, verb, slot, str, len, c)) {
		d->verdict = MG_VERDICT_DENY;
		d->layer = MG_LAYER_PROCESS_MODE;
		return;
	}
#endif
	if (!state || state->generation == 0 || !cfg || verb >= MG_VERBS) {
		d->layer = MG_LAYER_DEFAULT; /* no policy applied yet: nothing but process modes */
		return;
	}

	/* 2. The global mode of the verb (the bound checked again right at the access: the verifier may have lost it). */
	__u32 v = verb;
	barrier_var(v);
	if (v >= MG_VERBS)
		return;
	if (!mode_allows(cfg->mode[v], verb, slot, str, len, c)) {
		d->verdict = MG_VERDICT_DENY;
		d->layer = MG_LAYER_GLOBAL_MODE;
		soften(cfg, d);
		return;
	}

	/* 3. Rules: the index hands over, in order, only the rules whose name keys match. */
	__u8 table = verb == MG_VERB_AUTOLOAD ? MG_TABLE_AUTOLOAD : verb == MG_VERB_LOAD ? MG_TABLE_LOAD : MG_TABLE_UNLOAD;
	const struct mg_candidates *cand = find_candidates(slot, table, str, len);
	if (cand) {
		struct mg_walk_result result;
		if (walk_candidates(slot, 0, cand, c, &result) < 0) {
			d->verdict = MG_VERDICT_DENY; /* the walk kept being overtaken: fail closed */
			d->layer = MG_LAYER_RULE;
			return;
		}
		d->audited = result.audited;
		d->audit_rule = result.audit_rule;
		if (result.found) {
			d->verdict = result.action == MG_ACTION_ALLOW ? MG_VERDICT_ALLOW : MG_VERDICT_DENY;
			d->layer = MG_LAYER_RULE;
			d->rule_index = result.rule_index;
			soften(cfg, d);
			return;
		}
	}

	/* 4. Default. */
	d->verdict = cfg->default_verdict == MG_VERDICT_DENY ? MG_VERDICT_DENY : MG_VERDICT_ALLOW;
	d->layer = MG_LAYER_DEFAULT;
	soften(cfg, d);
}

/*
 * A load or unload whose name modgate cannot know (SPEC.md §2): it matches no rule that names modules. The layers are
 * asked with the empty name (decide(), at the caller's one call site: every inlined copy of decide() is verified
 * again); then, where the policy has a rule that looks at names for this verb, whatever the rules or default would
 * allow is refused instead (fail closed), complain mode softening it as any other refusal.
 */
static __always_inline void judge_unnamed(__u8 verb, __u8 reason, struct mg_decision *d)
{
	__u32 zero = 0;
	const struct mg_state *state = bpf_map_lookup_elem(&mg_state, &zero);
	__u32 slot = state ? state->active_slot & 1 : 0;
	const struct mg_config *cfg = bpf_map_lookup_elem(&mg_config, &slot);
	__u32 by_name = verb == MG_VERB_LOAD ? MG_CONFIG_LOAD_BY_NAME : MG_CONFIG_UNLOAD_BY_NAME;

	d->reason = reason;
	if (cfg && (cfg->flags & by_name) && d->layer >= MG_LAYER_RULE && d->verdict == MG_VERDICT_ALLOW && !d->would_deny) {
		d->verdict = MG_VERDICT_DENY;
		d->layer = MG_LAYER_RULE;
		d->rule_index = -1;
		soften(cfg, d);
	}
}

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
	e->decision = d->would_deny ? MG_EVENT_WOULD_DENY : d->verdict == MG_VERDICT_DENY ? MG_EVENT_DENY : MG_EVENT_ALLOW;
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

/* ---- autoload ---------------------------------------------------------------------------------------- */

/*
 * Every program's return value is 0 or a negative errno the verifier can see as such (6.12 enforces [-4095, 0] on
 * int hooks). No program reads the hook's `ret` argument: int hooks are fmod_ret trampolines, which stop at the first
 * program that returns non-zero, so a program only ever runs after earlier ones returned 0 (and on 6.15 the `bpf`
 * hook's added argument moved that slot).
 */

/* Records who asked for a request string; a second, different requester within MG_PENDING_NS makes it unknown. */
static __always_inline void remember_requester(const char *asked, const struct mg_caller *c)
{
	struct mg_requester r = {
		.caps = c->caps, .cgroup_id = c->cgroup_id, .uid = c->uid, .asked_ns = bpf_ktime_get_ns(),
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
	probe = comm[10] == 'p' && comm[11] == 'r' && comm[12] == 'o' && comm[13] == 'b' && comm[14] == 'e' && !comm[15];
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
		bpf_probe_read_kernel_str(key + CRYPTO_PREFIX_LEN, MG_STR_LEN - CRYPTO_PREFIX_LEN, &larval->alg.cra_name);
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

SEC("lsm/kernel_module_request")
int BPF_PROG(mg_module_request, char *kmod_name)
{
	char asked[MG_STR_LEN] = {};
	char name[MG_STR_LEN];
	struct mg_caller c;
	struct mg_decision d;
	long n;

	n = bpf_probe_read_kernel_str(asked, sizeof(asked), kmod_name);
	__builtin_memcpy(name, asked, MG_STR_LEN);
	normalize_name(name); /* kmod compares requests with - and _ alike; so do the tables */
	read_caller(&c, MG_VERB_AUTOLOAD);
	attribute_kernel_thread(&c);
	remember_requester(asked, &c);
	decide(MG_VERB_AUTOLOAD, name, n - 1, &c, &d);
	return enforce(MG_VERB_AUTOLOAD, asked, NULL, &c, &d);
}

/* ---- explicit load: the name inside the image ----------------------------------------------------------- */

/*
 * The name the kernel will give a module image, found exactly as kernel/module/main.c finds it (elf_validity_check,
 * find_sec): the ELF header checks, every section's bounds, the name table's final NUL, and the FIRST section from 1 on
 * that is SHF_ALLOC and named ".gnu.linkonce.this_module"; its struct module's name. Stricter where the kernel is
 * lenient and a lenient reading could differ from the kernel's: the class and byte order must be ELF64 little-endian,
 * the module section must have the size of this kernel's struct module, the name must end within MODULE_NAME_LEN, and
 * no relocation may write into the name (x86-64 relocations only fill zero bytes, which could still lengthen it).
 * Anything else is no name (MG_REASON_UNPARSED); src/Modgate.Kernel/Modinfo/ModuleImageName.cs is the C# twin.
 */

#define SHT_NULL 0
#define SHT_SYMTAB 2
#define SHT_RELA 4
#define SHT_NOBITS 8
#define SHT_REL 9
#define SHF_ALLOC 0x2
#define ET_REL 1
#define EM_X86_64 62
#define MODULE_NAME_LEN 56

/* ".gnu.linkonce.this_module" with its NUL, as four little-endian words (no .rodata: libbpf 1.1 dislikes an empty one). */
#define THIS_MODULE_SECTION_LEN 26
#define W0 0x6e696c2e756e672eULL
#define W1 0x68742e65636e6f6bULL
#define W2 0x6c75646f6d5f7369ULL
#define W3 0x65ULL

static __always_inline struct mg_elf_scan *elf_scan(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&mg_elf_scan, &zero);
}

static __always_inline int within(const struct mg_elf_scan *s, __u64 off, __u64 len)
{
	return off <= s->size && len <= s->size - off;
}

#ifdef MG_REDUCED
/* The reduced object's walk: the module section as find_sec finds it (from 1, SHF_ALLOC, exact name), nothing else:
 * the 5.10 verifier unrolls the walk and needs minutes for the full checks of scan_section. */
static long find_module_section(__u32 i, void *unused)
{
	struct mg_elf_scan *s = elf_scan();
	struct elf64_shdr sh;
	__u64 w[4] = {};

	if (!s || i >= s->shnum || s->mod_index || s->bad)
		return 1;
	if (i == 0)
		return 0;
	if (bpf_probe_read_kernel(&sh, sizeof(sh), (void *)(s->image + s->shoff + (__u64)i * sizeof(sh)))) {
		s->bad = MG_REASON_UNPARSED;
		return 1;
	}
	if (!(sh.sh_flags & SHF_ALLOC) || (__u64)sh.sh_name + THIS_MODULE_SECTION_LEN > s->shstr_size)
		return 0;
	if (bpf_probe_read_kernel(w, THIS_MODULE_SECTION_LEN, (void *)(s->image + s->shstr_off + sh.sh_name)))
		return 0;
	if (w[0] != W0 || w[1] != W1 || w[2] != W2 || w[3] != W3)
		return 0;
	s->mod_index = i;
	s->mod_off = sh.sh_offset;
	s->mod_size = sh.sh_size;
	s->mod_type = sh.sh_type;
	if (!within(s, sh.sh_offset, sh.sh_size))
		s->bad = MG_REASON_UNPARSED;
	return 1;
}
#endif

#ifndef MG_REDUCED
/* Pass 1, section i: bounds and links as elf_validity_check; the module section as find_sec. */
static long scan_section(__u32 i, void *unused)
{
	struct mg_elf_scan *s = elf_scan();
	struct elf64_shdr sh;
	__u64 w[4] = {};

	if (!s || i >= s->shnum || s->bad)
		return 1;
	if (i == 0)
		return 0;
	if (bpf_probe_read_kernel(&sh, sizeof(sh), (void *)(s->image + s->shoff + (__u64)i * sizeof(sh)))) {
		s->bad = MG_REASON_UNPARSED;
		return 1;
	}
	if (!s->mod_index && (sh.sh_flags & SHF_ALLOC) && (__u64)sh.sh_name + THIS_MODULE_SECTION_LEN <= s->shstr_size &&
	    !bpf_probe_read_kernel(w, THIS_MODULE_SECTION_LEN, (void *)(s->image + s->shstr_off + sh.sh_name)) &&
	    w[0] == W0 && w[1] == W1 && w[2] == W2 && w[3] == W3) {
		s->mod_index = i;
		s->mod_off = sh.sh_offset;
		s->mod_size = sh.sh_size;
		s->mod_type = sh.sh_type;
	}
	if (sh.sh_type == SHT_NULL || sh.sh_type == SHT_NOBITS)
		return 0;
	if (sh.sh_type == SHT_SYMTAB && (sh.sh_link == 0 || sh.sh_link >= s->shnum))
		s->bad = MG_REASON_UNPARSED;
	if (!within(s, sh.sh_offset, sh.sh_size))
		s->bad = MG_REASON_UNPARSED;
	return s->bad ? 1 : 0;
}
#endif

#ifndef MG_REDUCED
/* Pass 2, section i: the relocation sections aimed at the module section. */
static long scan_relocation_section(__u32 i, void *unused)
{
	struct mg_elf_scan *s = elf_scan();
	struct elf64_shdr sh;
	__u32 n, entsize;

	if (!s || i >= s->shnum || s->bad)
		return 1;
	if (bpf_probe_read_kernel(&sh, sizeof(sh), (void *)(s->image + s->shoff + (__u64)i * sizeof(sh)))) {
		s->bad = MG_REASON_UNPARSED;
		return 1;
	}
	if ((sh.sh_type != SHT_RELA && sh.sh_type != SHT_REL) || sh.sh_info != s->mod_index)
		return 0;
	entsize = sh.sh_type == SHT_RELA ? 24 /* Elf64_Rela */ : 16 /* Elf64_Rel */;
	n = s->rel_sections;
	if (sh.sh_entsize != entsize || sh.sh_size % entsize || n >= MG_ELF_MAX_REL_SECTIONS ||
	    sh.sh_size / entsize > MG_ELF_MAX_RELOCATIONS) {
		s->bad = sh.sh_entsize != entsize || sh.sh_size % entsize ? MG_REASON_UNPARSED : MG_REASON_UNSCANNED;
		return 1;
	}
	s->rel_off[n & 1] = sh.sh_offset;
	s->rel_count[n & 1] = sh.sh_size / entsize;
	s->rel_entsize[n & 1] = entsize;
	s->rel_sections = n + 1;
	return 0;
}

/* Pass 3, relocation k of those sections: none may write into the name (8 bytes at most per relocation). */
static long scan_relocation(__u32 k, void *unused)
{
	struct mg_elf_scan *s = elf_scan();
	__u64 name_off = bpf_core_field_offset(struct module, name), r_offset;
	__u32 sec = 0;

	if (!s || s->bad)
		return 1;
	if (k >= s->rel_count[0]) {
		sec = 1;
		k -= s->rel_count[0];
		if (s->rel_sections < 2 || k >= s->rel_count[1])
			return 1;
	}
	if (bpf_probe_read_kernel(&r_offset, sizeof(r_offset),
				  (void *)(s->image + s->rel_off[sec] + (__u64)k * s->rel_entsize[sec]))) {
		s->bad = MG_REASON_UNPARSED;
		return 1;
	}
	if (r_offset + 8 > name_off && r_offset < name_off + MODULE_NAME_LEN)
		s->bad = MG_REASON_UNPARSED;
	return s->bad ? 1 : 0;
}
#endif

/* The module's name in `name` and its length, or -MG_REASON_* when the image gives none modgate can trust. */
static __always_inline long module_name_of(const char *image, __s64 size, char *name)
{
	struct mg_elf_scan *s = elf_scan();
	struct elf64_hdr eh;
	struct elf64_shdr strtab;
	char last = 1;
	__u64 name_at;

	if (!s || size < (__s64)sizeof(eh) || bpf_probe_read_kernel(&eh, sizeof(eh), image))
		return -MG_REASON_UNPARSED;
	if (eh.e_ident[0] != 0x7f || eh.e_ident[1] != 'E' || eh.e_ident[2] != 'L' || eh.e_ident[3] != 'F' ||
	    eh.e_ident[4] != 2 /* ELFCLASS64 */ || eh.e_ident[5] != 1 /* ELFDATA2LSB */ || eh.e_type != ET_REL ||
	    eh.e_machine != EM_X86_64 || eh.e_shentsize != sizeof(struct elf64_shdr))
		return -MG_REASON_UNPARSED;
	if (eh.e_shoff >= (__u64)size || eh.e_shnum > ((__u64)size - eh.e_shoff) / sizeof(struct elf64_shdr) ||
	    eh.e_shstrndx == 0 || eh.e_shstrndx >= eh.e_shnum)
		return -MG_REASON_UNPARSED;
	if (bpf_probe_read_kernel(&strtab, sizeof(strtab),
				  image + eh.e_shoff + (__u64)eh.e_shstrndx * sizeof(struct elf64_shdr)))
		return -MG_REASON_UNPARSED;
	if (strtab.sh_type == SHT_NOBITS || strtab.sh_size == 0 || strtab.sh_offset > (__u64)size ||
	    strtab.sh_size > (__u64)size - strtab.sh_offset ||
	    bpf_probe_read_kernel(&last, 1, image + strtab.sh_offset + strtab.sh_size - 1) || last != 0)
		return -MG_REASON_UNPARSED;

	__builtin_memset(s, 0, sizeof(*s));
	s->image = (__u64)image;
	s->size = size;
	s->shoff = eh.e_shoff;
	s->shnum = eh.e_shnum;
	s->shstr_off = strtab.sh_offset;
	s->shstr_size = strtab.sh_size;
	__u64 owner = bpf_ktime_get_ns() ^ (bpf_get_current_pid_tgid() << 20);
	s->owner = owner;
#ifdef MG_REDUCED
	if (eh.e_shnum > MG_REDUCED_MAX_SECTIONS)
		return -MG_REASON_UNSCANNED;
	/* No break: one way out of each loop keeps the verifier's work linear (the callbacks return at once when done). */
	for (__u32 i = 0; i < MG_REDUCED_MAX_SECTIONS; i++)
		find_module_section(i, NULL);
	/* No bounds walk over every section and no relocation walk here: unrolled, the 5.10 verifier takes minutes over it. A relocation can only fill zero
	 * bytes after the name's NUL (x86-64 refuses others), i.e. lengthen the name of code the image's author chose
	 * anyway (docs/security.md: a module is its code, not its name). */
#else
	bpf_loop(eh.e_shnum, scan_section, NULL, 0);
	if (s->mod_index)
		bpf_loop(eh.e_shnum, scan_relocation_section, NULL, 0);
	bpf_loop(2 * MG_ELF_MAX_RELOCATIONS, scan_relocation, NULL, 0);
#endif
	if (s->owner != owner)
		return -MG_REASON_UNPARSED; /* overtaken by another task on this CPU: no name this time */
	if (s->bad)
		return -(long)(s->bad & 3);
	if (!s->mod_index || s->mod_type == SHT_NOBITS || s->mod_size != bpf_core_type_size(struct module))
		return -MG_REASON_UNPARSED;
	name_at = s->mod_off + bpf_core_field_offset(struct module, name);
	if (bpf_probe_read_kernel(name, MODULE_NAME_LEN, image + name_at))
		return -MG_REASON_UNPARSED;
	for (int i = 0; i < MODULE_NAME_LEN; i++)
		if (!name[i])
			return i ? i : -MG_REASON_UNPARSED;
	return -MG_REASON_UNPARSED; /* no NUL within MODULE_NAME_LEN */
}

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

/* Whether a policy is in force (generation 0: none applied yet). */
static __always_inline int policy_applied(void)
{
	__u32 zero = 0;
	const struct mg_state *state = bpf_map_lookup_elem(&mg_state, &zero);
	return state && state->generation;
}

SEC("lsm/kernel_post_read_file")
int BPF_PROG(mg_post_read_file, struct file *file, char *buf, loff_t size, enum kernel_read_file_id id)
{
	if (id != READING_MODULE)
		return 0; /* includes 7.0's READING_MODULE_COMPRESSED: the decompressed image follows as READING_MODULE */
	/*
	 * Before 7.0 the kernel decompresses after this hook and no hook sees the ELF. A file of the running kernel's tree
	 * unchanged since apply is judged by the name its path gives (mg_module_files); any other compressed image gets
	 * ENOSYS, which libkmod (kmod >= 31) answers by decompressing in user space and calling init_module, whose image is
	 * judged by its name; any other caller's compressed finit_module fails. (7.0+ never gets here with compressed bytes.)
	 */
	char name[MG_STR_LEN] = {};
	long len;

	if (compressed(buf, size) && policy_applied()) {
		len = indexed_name(file, size, name);
		if (len <= 0)
			return -ENOSYS;
	} else {
		len = module_name_of(buf, size, name);
	}
	return judge_named(name, len);
}

SEC("lsm/kernel_post_load_data")
int BPF_PROG(mg_post_load_data, char *buf, loff_t size, enum kernel_load_data_id id, char *description)
{
	char name[MG_STR_LEN] = {};

	if (id != LOADING_MODULE)
		return 0;
	return judge_named(name, module_name_of(buf, size, name));
}

/* ---- unload: delete_module's capable(CAP_SYS_MODULE) ------------------------------------------------------ */

#ifdef MG_REDUCED
/* The VMA tree of kernels before 6.1 (maple tree since), as CO-RE sees it: these names lack in vmlinux.h (6.1). */
struct vm_area_struct___rb {
	unsigned long vm_start;
	unsigned long vm_end;
	struct rb_node vm_rb;
	unsigned long vm_flags;
} __attribute__((preserve_access_index));

struct mm_struct___rb {
	struct rb_root mm_rb;
} __attribute__((preserve_access_index));

/* find_vma by hand: 1 when the VMA holding addr is shared, or when the walk cannot tell (fail closed). */
static __always_inline int vma_shared_or_unknown(struct task_struct *task, unsigned long addr)
{
	struct mm_struct___rb *mm = (void *)BPF_CORE_READ(task, mm);
	struct rb_node *node;

	if (!bpf_core_field_exists(struct mm_struct___rb, mm_rb) || !mm)
		return 1;
	node = BPF_CORE_READ(mm, mm_rb.rb_node);
	for (int depth = 0; depth < MG_REDUCED_VMA_DEPTH && node; depth++) {
		struct vm_area_struct___rb *vma =
			(void *)node - bpf_core_field_offset(struct vm_area_struct___rb, vm_rb);
		if (addr < BPF_CORE_READ(vma, vm_start))
			node = BPF_CORE_READ(node, rb_left);
		else if (addr >= BPF_CORE_READ(vma, vm_end))
			node = BPF_CORE_READ(node, rb_right);
		else
			return (BPF_CORE_READ(vma, vm_flags) & (VM_SHARED | VM_MAYSHARE)) != 0;
	}
	return 1;
}
#else
static long vma_is_shared(struct task_struct *task, struct vm_area_struct *vma, void *shared)
{
	*(int *)shared = (vma->vm_flags & (VM_SHARED | VM_MAYSHARE)) != 0;
	return 0;
}
#endif

/*
 * delete_module reads the name again after this check: a name that another thread, or another process
 * through a shared mapping, can rewrite in between cannot be trusted when a rule looks at names.
 */
static __always_inline int name_may_change(struct task_struct *task, unsigned long name_ptr)
{
	int shared = 1;

	if (BPF_CORE_READ(task, mm, mm_users.counter) > 1)
		return 1;
#ifdef MG_REDUCED
	shared = vma_shared_or_unknown(task, name_ptr);
#else
	if (bpf_find_vma(task, name_ptr, vma_is_shared, &shared, 0))
		return 1;
#endif
	return shared;
}

/* A CAP_SYS_MODULE check: judged as an unload when it is delete_module's, else left to the kernel. */
static __always_inline int judge_sys_module_check(void)
{
	char name[MG_STR_LEN] = {};
	struct task_struct *task;
	struct pt_regs *regs;
	unsigned long name_ptr;
	struct mg_caller c;
	struct mg_decision d;
	long nr, n;
	int unreadable;

	task = current_task();
#ifdef MG_REDUCED
	/* task_pt_regs() of x86_64: the user registers sit at the top of the task's kernel stack. */
	regs = (struct pt_regs *)((void *)BPF_CORE_READ(task, stack) + THREAD_SIZE) - 1;
#else
	regs = (struct pt_regs *)bpf_task_pt_regs(task);
#endif
	nr = BPF_CORE_READ(regs, orig_ax);
	if (BPF_CORE_READ(task, thread_info.status) & TS_COMPAT) {
		if (nr != NR_DELETE_MODULE_32)
			return 0;
		name_ptr = (__u32)BPF_CORE_READ(regs, bx);
	} else {
		if ((nr & ~(long)X32_SYSCALL_BIT) != NR_DELETE_MODULE_64)
			return 0;
		name_ptr = BPF_CORE_READ(regs, di);
	}
	read_caller(&c, MG_VERB_UNLOAD);
	/* Not faulted in (a fresh mapping) or not there: this hook cannot fault pages in, so the name is unknown. */
	n = bpf_probe_read_user_str(name, sizeof(name), (const void *)name_ptr);
	unreadable = n < 1;
	if (unreadable) {
		__builtin_memset(name, 0, sizeof(name));
		n = 1;
	}
	normalize_name(name);
	decide(MG_VERB_UNLOAD, name, n - 1, &c, &d);
	if (unreadable)
		judge_unnamed(MG_VERB_UNLOAD, MG_REASON_UNREADABLE_NAME, &d);
	else if (d.verdict == MG_VERDICT_ALLOW && !d.would_deny && d.layer >= MG_LAYER_RULE) {
		__u32 zero = 0;
		const struct mg_state *state = bpf_map_lookup_elem(&mg_state, &zero);
		__u32 slot = state ? state->active_slot & 1 : 0;
		const struct mg_config *cfg = bpf_map_lookup_elem(&mg_config, &slot);
		if (cfg && (cfg->flags & MG_CONFIG_UNLOAD_BY_NAME) && name_may_change(task, name_ptr)) {
			d.verdict = MG_VERDICT_DENY;
			soften(cfg, &d);
		}
	}
	return enforce(MG_VERB_UNLOAD, NULL, name, &c, &d);
}

/*
 * Every capability check of every process comes here (a spawn makes several): the test of the one capability that
 * matters comes first and alone, so the other checks cost two instructions and zero no stack.
 */
SEC("lsm/capable")
int BPF_PROG(mg_capable, const struct cred *cred, struct user_namespace *ns, int cap, unsigned int opts)
{
	if (cap != MG_CAP_SYS_MODULE)
		return 0;
	return judge_sys_module_check();
}

/* A successful prctl answer: an errno the verifier can bound (see MG_PRCTL_ANSWER in modgate.h). */
static __always_inline int prctl_answer(__u32 payload)
{
	return negative_code(MG_PRCTL_ANSWER, payload, MG_PRCTL_PAYLOAD_LIMIT);
}

/* ---- per-process modes and origin --------------------------------------------------------------------------- */

#ifndef MG_REDUCED

SEC("lsm/task_alloc")
int BPF_PROG(mg_task_alloc, struct task_struct *task, unsigned long clone_flags)
{
	struct task_struct *current = bpf_get_current_task_btf();
	struct mg_task *parent, *child;

	/* Runs on every fork. Almost no task has any BPF local storage: one load says so before a storage lookup. */
	if (!current->bpf_storage)
		return 0;
	parent = bpf_task_storage_get(&mg_tasks, current, 0, 0);
	if (!parent || !(parent->mode[0] | parent->mode[1] | parent->mode[2] | parent->flags))
		return 0;
	child = bpf_task_storage_get(&mg_tasks, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!child)
		return -ENOMEM; /* fail closed: a child must never escape its parent's modes */
	*child = *parent;
	return 0;
}

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
	__u32 zero = 0;

	const struct mg_state *state = bpf_map_lookup_elem(&mg_state, &zero);
	__u32 slot = state ? state->active_slot & 1 : 0;
	const struct mg_config *cfg = bpf_map_lookup_elem(&mg_config, &slot);
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
		own->flags |= MG_TASK_ORIGIN_AUTOLOAD | ((r->flags & MG_REQUESTER_UNKNOWN) ? MG_TASK_REQUESTER_UNKNOWN : 0);
		own->requester_uid = r->uid;
		own->requester_caps = r->caps;
		own->requester_cgroup = r->cgroup_id;
	}
	return 0;
}

/* Runs on every exec: the two tests that rule out almost every exec are plain loads (BTF pointers), taken first. */
SEC("lsm/bprm_committed_creds")
int BPF_PROG(mg_bprm_committed_creds, struct linux_binprm *bprm)
{
	struct task_struct *task, *parent;

	if (bprm->argc != 4)
		return 0;
	task = bpf_get_current_task_btf();
	parent = task->real_parent;
	if (!parent || !(parent->flags & PF_KTHREAD))
		return 0;
	return mark_kernel_modprobe(bprm, task);
}

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
	return prctl_answer(own->mode[0] | own->mode[1] << MG_PRCTL_MODE_BITS | own->mode[2] << (2 * MG_PRCTL_MODE_BITS));
}

#endif /* !MG_REDUCED */

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
	struct mg_task *own = bpf_task_storage_get(&mg_tasks, bpf_get_current_task_btf(), 0,
						   BPF_LOCAL_STORAGE_GET_F_CREATE);
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

SEC("lsm/task_prctl")
int BPF_PROG(mg_task_prctl, int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	     unsigned long arg5)
{
	if (option != MG_PRCTL_OPTION)
		return 0; /* the kernel goes on with its own options */
	switch (arg2) {
#ifdef MG_REDUCED
	case MG_PRCTL_SET_MODE:
	case MG_PRCTL_GET_MODES:
		return -EOPNOTSUPP; /* no task storage: no per-process modes on this kernel */
#else
	case MG_PRCTL_SET_MODE:
		return set_mode(arg3, arg4);
	case MG_PRCTL_GET_MODES:
		return get_modes();
#endif
	case MG_PRCTL_ALLOW_DECIDE:
		return allow_decide();
	case MG_PRCTL_DECIDE:
		return decide_for_caller(arg3, arg4, arg5);
	default:
		return -EINVAL;
	}
}
