// SPDX-License-Identifier: GPL-2.0
/*
 * modgate's kernel side: BPF LSM programs that judge module autoload, explicit load and unload by SPEC.md's
 * decision order (per-process mode, global mode, first matching rule, default), reading the tables
 * `modgate apply` writes. This file holds the programs; each mg_*.h header one job they share (mg_maps.h the maps,
 * mg_caller.h who asks, mg_decide.h the decision, mg_audit.h counters and events, mg_elf.h the name inside an
 * image, mg_load.h and mg_unload.h the judgement of a load and an unload, mg_prctl.h the private prctl).
 * Every helper function is static: a global subprogram could be replaced with freplace.
 *
 * Built twice (src/Modgate.Bpf/bpf/Makefile): the full object for kernels >= 5.17, and with -DMG_REDUCED the
 * reduced one for 5.7-5.16, which avoids what those kernels lack: BPF task storage (5.11: no per-process modes,
 * origin=autoload only for the modprobe the kernel starts itself), bpf_get_current_task_btf (5.11: plain task
 * pointer and CO-RE reads), bpf_task_pt_regs (5.15: the registers at the top of the kernel stack), bpf_loop
 * (5.17: bounded loops; an image with more sections than the bound is refused) and bpf_find_vma (5.17: a
 * bounded walk of the VMA red-black tree, which kernels before 6.1 have; refused when the walk cannot tell).
 *
 * Every program's return value is 0 or a negative errno the verifier can see as such (6.12 enforces [-4095, 0] on
 * int hooks). No program reads the hook's `ret` argument: int hooks are fmod_ret trampolines, which stop at the first
 * program that returns non-zero, so a program only ever runs after earlier ones returned 0 (and on 6.15 the `bpf`
 * hook's added argument moved that slot).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "modgate.h"
#include "lsm_return.h"
#include "mg_kernel.h"
#include "mg_maps.h"
#include "mg_caller.h"
#include "mg_decide.h"
#include "mg_audit.h"
#include "mg_elf.h"
#include "mg_load.h"
#include "mg_unload.h"
#include "mg_prctl.h"

char LICENSE[] SEC("license") = "GPL";

/* ---- autoload ---------------------------------------------------------------------------------------- */

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
#endif /* !MG_REDUCED */

SEC("lsm/task_prctl")
int BPF_PROG(mg_task_prctl, int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)
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
