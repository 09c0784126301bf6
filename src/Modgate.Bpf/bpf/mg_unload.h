/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unload: delete_module's capable(CAP_SYS_MODULE) check, its arguments read from the task's registers, and the
 * guard against a name that can change after the check.
 */
#ifndef MG_UNLOAD_H
#define MG_UNLOAD_H

#include "mg_audit.h"

#ifdef MG_REDUCED
/* Depth of the VMA tree walk: a red-black tree of vm.max_map_count (65530) VMAs is at most 32 deep. */
#define MG_REDUCED_VMA_DEPTH 40
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
		const struct mg_config *cfg = active_config();
		if (cfg && (cfg->flags & MG_CONFIG_UNLOAD_BY_NAME) && name_may_change(task, name_ptr)) {
			d.verdict = MG_VERDICT_DENY;
			soften(cfg, &d);
		}
	}
	return enforce(MG_VERB_UNLOAD, NULL, name, &c, &d);
}

#endif
