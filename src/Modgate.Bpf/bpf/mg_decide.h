/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The decision (SPEC.md §2): per-process mode, global mode, first matching rule, default, each layer read from
 * the tables `modgate apply` writes. Every rule lookup goes through an index (hash for literal strings, LPM trie for
 * prefixes), never a scan of all rules.
 */
#ifndef MG_DECIDE_H
#define MG_DECIDE_H

#include "mg_caller.h"

struct mg_walk_result {
	__u8 found; /* an allow/deny rule (or a grant) matched */
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

/*
 * Module names and request strings compare with '-' and '_' equal, as the kernel and modprobe do. Word by word and
 * without a branch per byte: a branch per byte would give the verifier two states per byte to explore (2^58).
 */
static __always_inline __u64 dashes_to_underscores(__u64 w)
{
	const __u64 low7 = 0x7f7f7f7f7f7f7f7fULL;
	__u64 x = w ^ 0x2d2d2d2d2d2d2d2dULL;     /* the bytes that were '-' are now 0 */
	__u64 t = ((x & low7) + low7) | x;       /* high bit set in every non-zero byte, exactly */
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
			.slot = slot,
			.is_grant = is_grant,
			.index = index,
			.cgroup_id = c->cgroup_id,
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
		__u64 owner = claim_scratch(&w->owner);
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
	const struct mg_state *state = policy_state();
	__u32 slot = active_slot(state);
	const struct mg_config *cfg = slot_config(slot);

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
	__u8 table = verb == MG_VERB_AUTOLOAD ? MG_TABLE_AUTOLOAD
		     : verb == MG_VERB_LOAD   ? MG_TABLE_LOAD
					      : MG_TABLE_UNLOAD;
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
	const struct mg_config *cfg = active_config();
	__u32 by_name = verb == MG_VERB_LOAD ? MG_CONFIG_LOAD_BY_NAME : MG_CONFIG_UNLOAD_BY_NAME;

	d->reason = reason;
	if (cfg && (cfg->flags & by_name) && d->layer >= MG_LAYER_RULE && d->verdict == MG_VERDICT_ALLOW &&
	    !d->would_deny) {
		d->verdict = MG_VERDICT_DENY;
		d->layer = MG_LAYER_RULE;
		d->rule_index = -1;
		soften(cfg, d);
	}
}
#endif
