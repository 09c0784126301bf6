/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one definition of everything the kernel programs (modgate.bpf.c) and user space (the C# mirrors in
 * src/Modgate.Bpf/Maps/MapLayouts.cs) share: map keys and values, numbers, limits. The C# layout test compiles
 * this header with gcc and asserts every size and offset of the mirrors, so change both together.
 *
 * Only fixed-width types: the header is read by clang -target bpf and by gcc for the host.
 */
#ifndef MODGATE_H
#define MODGATE_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* Longest string compared: MODULE_NAME_LEN (56) holds both module names and request_module strings, NUL included. */
#define MG_STR_LEN 58
/* Entries of one candidate list; the compiler of the tables refuses a policy that needs more. */
#define MG_MAX_CANDIDATES 62
/* Rules (and grants) per generation slot. */
#define MG_MAX_RULES 16384
/* Index entries per map (both slots together). */
#define MG_MAX_INDEX 65536
/* Two slots: the active generation and the one being written by `modgate apply`. */
#define MG_SLOTS 2

/* The index tables, one namespace byte in every key. */
#define MG_TABLE_AUTOLOAD 1 /* request_module strings, raw */
#define MG_TABLE_LOAD 2     /* module names (normalized '_'), rules without `unload` */
#define MG_TABLE_UNLOAD 3   /* module names (normalized '_'), rules with `unload` */
#define MG_TABLE_GRANT 4    /* request_module strings, raw: grants */

#define MG_VERB_AUTOLOAD 0
#define MG_VERB_LOAD 1
#define MG_VERB_UNLOAD 2
#define MG_VERBS 3

#define MG_MODE_CLASSIC 0
#define MG_MODE_PRIVILEGED 1
#define MG_MODE_OFF 2

#define MG_ACTION_ALLOW 0
#define MG_ACTION_DENY 1
#define MG_ACTION_AUDIT 2

#define MG_ORIGIN_ANY 0
#define MG_ORIGIN_AUTOLOAD 1
#define MG_ORIGIN_EXPLICIT 2

#define MG_VERDICT_ALLOW 0
#define MG_VERDICT_DENY 1

#define MG_LAYER_PROCESS_MODE 0
#define MG_LAYER_GLOBAL_MODE 1
#define MG_LAYER_RULE 2
#define MG_LAYER_DEFAULT 3

#define MG_ENFORCE 0
#define MG_COMPLAIN 1

#define MG_NO_CAPABILITY 0xff
#define MG_CAP_SYS_MODULE 16
#define MG_CAP_SYS_ADMIN 21

/* mg_rule.flags */
#define MG_RULE_HAS_UID 0x1
#define MG_RULE_HAS_CGROUP 0x2

/* mg_task.flags */
#define MG_TASK_ORIGIN_AUTOLOAD 0x1 /* the modprobe the kernel started for a pending request_module, and its children */
#define MG_TASK_MAY_DECIDE 0x2      /* MG_PRCTL_ALLOW_DECIDE: may ask MG_PRCTL_DECIDE (inherited) */
#define MG_TASK_REQUESTER_UNKNOWN 0x4 /* with ORIGIN_AUTOLOAD: the requester is not known (judged as unprivileged) */

/* Counters: one per verb and outcome, per CPU; index = verb * MG_OUTCOMES + outcome. */
#define MG_OUTCOME_ALLOWED 0
#define MG_OUTCOME_DENIED 1
#define MG_OUTCOME_WOULD_DENY 2
#define MG_OUTCOME_AUDITED 3
#define MG_OUTCOMES 4
#define MG_COUNTER_EVENTS_DROPPED 12 /* audit events lost because mg_events was full */
#define MG_COUNTERS 16

/* mg_config.flags */
#define MG_CONFIG_UNLOAD_BY_NAME 0x1 /* some unload rule looks at the name: distrust names others can rewrite */
#define MG_CONFIG_LOAD_BY_NAME 0x2   /* some load rule (allow or deny) looks at the name: refuse images without one */

/*
 * modgate's private prctl. The kernel hands a prctl to the LSMs first; a BPF LSM program that returns 0 lets the
 * kernel go on to its own options (which fail with EINVAL), and from 6.12 the verifier accepts only 0 or a negative
 * errno from a BPF LSM program on an int hook. So every answer is an errno: errors are the usual small ones (EPERM,
 * EACCES, EINVAL, ENOMEM, EOPNOTSUPP), and a success is errno MG_PRCTL_ANSWER + payload, payload below
 * MG_PRCTL_PAYLOAD_LIMIT: prctl returns -1 with errno in [2048, 4095] (far above any errno the kernel uses).
 *
 * prctl(MG_PRCTL_OPTION, MG_PRCTL_SET_MODE, verb, mode, 0): raise the caller's own mode of a verb (never lowers:
 *   asking for a lower mode fails with EPERM). Unprivileged callers need no_new_privs, as with seccomp. Payload 0.
 * prctl(MG_PRCTL_OPTION, MG_PRCTL_GET_MODES, 0, 0, 0): the caller's modes, MG_PRCTL_MODE_BITS bits per verb.
 * prctl(MG_PRCTL_OPTION, MG_PRCTL_ALLOW_DECIDE, 0, 0, 0): CAP_SYS_ADMIN (initial namespace) only: the caller and the
 *   children it creates from now on may use MG_PRCTL_DECIDE whatever credentials they drop to. Payload 0.
 * prctl(MG_PRCTL_OPTION, MG_PRCTL_DECIDE, verb, (char *)name, origin | part << MG_PRCTL_PART_SHIFT): the kernel's
 *   decision for the caller as if it made that request, without counting or logging it. A diagnostic, not an
 *   interface: it tells how the policy treats any request, so only CAP_SYS_ADMIN callers and tasks that inherited
 *   MG_PRCTL_ALLOW_DECIDE may ask (EACCES otherwise). The answer does not fit one errno, so it comes in parts:
 *   part 0 the decision bits (MG_DECISION_*), part 1 and 2 the deciding rule's index + 1, low and high
 *   MG_PRCTL_RULE_PART_BITS bits.
 */
#define MG_PRCTL_OPTION 0x6d676174 /* "mgat" */
#define MG_PRCTL_SET_MODE 1
#define MG_PRCTL_GET_MODES 2
#define MG_PRCTL_DECIDE 3
#define MG_PRCTL_ALLOW_DECIDE 4
#define MG_PRCTL_ANSWER 2048
#define MG_PRCTL_PAYLOAD_LIMIT 2048
#define MG_PRCTL_MODE_BITS 2
#define MG_PRCTL_PART_SHIFT 8
#define MG_PRCTL_PART_DECISION 0
#define MG_PRCTL_PART_RULE_LOW 1
#define MG_PRCTL_PART_RULE_HIGH 2
#define MG_PRCTL_RULE_PART_BITS 10

/* Part 0 of MG_PRCTL_DECIDE: verdict bit 0, would-deny bit 1, layer bits 2-3. */
#define MG_DECISION_DENY 0x1
#define MG_DECISION_WOULD_DENY 0x2
#define MG_DECISION_LAYER_SHIFT 2

/* Key of the literal index (hash): exact strings. */
struct mg_key {
	__u8 slot;            /* generation slot, 0 or 1 */
	__u8 table;           /* MG_TABLE_* */
	char str[MG_STR_LEN]; /* NUL-padded */
};

/* Key of the prefix index (LPM trie): prefixlen counts bits of slot, table and the prefix of str. */
struct mg_lpm_key {
	__u32 prefixlen;
	struct mg_key key;
	__u8 pad[2];
};

/* Value of both indexes: every rule (or grant) that can match a string whose best index entry this is, in order. */
struct mg_candidates {
	__u32 count;
	__u16 index[MG_MAX_CANDIDATES];
};

/* A rule or a grant, minus its name keys (the index already matched those). */
struct mg_rule {
	__u8 action;     /* MG_ACTION_* (grants: allow) */
	__u8 origin;     /* MG_ORIGIN_* */
	__u8 capability; /* MG_NO_CAPABILITY or a number the caller must hold in the initial user namespace */
	__u8 flags;      /* MG_RULE_* */
	__u32 uid_first;
	__u32 uid_last;
	__u32 rule_index; /* CompiledRule.Index, reported back by the test hook */
};

/* cgroup= keys: one entry per (rule, cgroup id) that matches. */
struct mg_cgroup_key {
	__u8 slot;
	__u8 is_grant;
	__u16 index;
	__u32 pad;
	__u64 cgroup_id;
};

/* What a generation decides besides its rules; array indexed by slot. */
struct mg_config {
	__u8 mode[MG_VERBS];  /* MG_MODE_* per verb */
	__u8 default_verdict; /* MG_VERDICT_* */
	__u8 enforcement;     /* MG_ENFORCE or MG_COMPLAIN */
	__u8 pad[3];
	__u32 generation;       /* the apply that wrote this slot */
	__u32 flags;            /* MG_CONFIG_* */
	char modprobe_path[64]; /* kernel.modprobe when applied: the helper whose loads carry origin=autoload */
};

/* The switch `modgate apply` flips last; array of one. */
struct mg_state {
	__u32 active_slot; /* which mg_config / index slot the programs read */
	__u32 generation;  /* generation of the active slot; 0 = no policy yet */
	__u32 reserved[2];
};

/*
 * Who asked for a module (SPEC.md §2 "Who asked"): recorded by mg_module_request for every request_module, keyed by the
 * request string, so that the modprobe the kernel starts for it, and every load that modprobe makes (the module, its
 * dependencies and softdeps, install commands), is judged as the requester with origin=autoload; and so that a kernel
 * thread's request made for a user (the crypto manager instantiating a template the user named) is judged as that user.
 * Two different requesters of one string within MG_PENDING_NS make it unknown.
 */
#define MG_MAX_PENDING 4096
#define MG_PENDING_NS (10ULL * 1000000000ULL)
#define MG_REQUESTER_UNKNOWN 0x1

struct mg_requester {
	__u64 caps; /* as mg_caller: effective capabilities in the initial user namespace */
	__u64 cgroup_id;
	__u64 asked_ns; /* bpf_ktime_get_ns() of the (last) request */
	__u32 uid;
	__u32 flags; /* MG_REQUESTER_* */
};

/*
 * The compressed module files of the running kernel's tree, by inode, with the name their path gives (modules.dep, as
 * modprobe names them) and what the inode looked like when `modgate apply` indexed it. Before 7.0 no hook sees the ELF
 * inside a compressed finit_module, so such a file is judged by this name while its inode is unchanged (any write
 * changes its ctime); any other compressed image gets ENOSYS, which libkmod answers by decompressing it itself.
 */
#define MG_MAX_MODULE_FILES 16384

struct mg_file_key {
	__u64 dev; /* kernel dev_t of the filesystem: (major << 20) | minor */
	__u64 ino;
};

struct mg_file_value {
	char name[MG_STR_LEN]; /* normalized ('_') */
	__u8 pad[6];
	__u64 size;
	__s64 ctime_sec;
	__u64 ctime_nsec;
};

/* Per task (BPF task storage): the per-process modes, the origin mark and, for an autoload helper, its requester. */
struct mg_task {
	__u8 mode[MG_VERBS];
	__u8 flags; /* MG_TASK_* */
	__u32 requester_uid;
	__u64 requester_caps;
	__u64 requester_cgroup;
};

/* The audit ring buffer: one mg_event per decision that denied, would have denied (complain) or passed an
 * `audit` rule. 1 MiB holds about 4,000 events; the agent drains it continuously, and what does not fit is counted
 * in MG_COUNTER_EVENTS_DROPPED, never lost silently. */
#define MG_EVENTS_SIZE (1024 * 1024)
#define MG_EVENT_EXE_LEN 64

/* mg_event.decision: would-deny is its own word, not a flag. */
#define MG_EVENT_ALLOW 0
#define MG_EVENT_DENY 1
#define MG_EVENT_WOULD_DENY 2

struct mg_event {
	__u64 boot_ns;   /* bpf_ktime_get_boot_ns(): user space adds the boot time once */
	__u64 cgroup_id; /* cgroup v2 id of the task; user space turns it into a path */
	__u64 caps;      /* effective capabilities in the initial user namespace (0 in a child namespace) */
	__u32 pid;       /* thread id */
	__u32 tgid;
	__u32 uid;        /* real uid, init-namespace value */
	__u32 generation; /* the policy generation that decided: user space maps (generation, rule) to file:line */
	__u32 rule;       /* CompiledRule.Index + 1 of the deciding rule, 0 = no rule (mode layers, default) */
	__u32 audit_rule; /* CompiledRule.Index + 1 of the first `audit` rule passed, 0 = none */
	__u8 verb;        /* MG_VERB_* */
	__u8 origin;      /* MG_ORIGIN_* (ANY for unload) */
	__u8 decision;    /* MG_EVENT_* */
	__u8 layer;       /* MG_LAYER_* */
	__u8 reason;      /* MG_REASON_*: why a load or unload was judged without a name */
	__u8 pad[3];
	char request[MG_STR_LEN]; /* autoload: the request_module string as the kernel asked it; else empty */
	char module[MG_STR_LEN];  /* load: the name inside the image; unload: the name asked; autoload: empty */
	char comm[16];
	char exe[MG_EVENT_EXE_LEN]; /* basename of the task's executable (bpf_d_path is not allowed in these hooks) */
};

/*
 * Why a load or unload was judged without a name (mg_event.reason). Such a request never satisfies a rule that needs a
 * name: where the policy has one for the verb (MG_CONFIG_*_BY_NAME), it is refused (fail closed).
 */
#define MG_REASON_NONE 0
#define MG_REASON_UNPARSED 1  /* the image is not one the kernel would parse to the same name (see module_name_of) */
#define MG_REASON_UNSCANNED 2 /* more sections or relocations than a program may walk on this kernel */
#define MG_REASON_UNREADABLE_NAME 3 /* delete_module's name could not be read without faulting */

#endif
