/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel constants modgate's programs need that vmlinux.h does not carry (#defines have no BTF), and
 * the task running the program as each object reads it.
 */
#ifndef MG_KERNEL_H
#define MG_KERNEL_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

/* EPERM is in lsm_return.h, which the lock's object shares. */
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
#define VM_SHARED 0x8
#define VM_MAYSHARE 0x80

#ifdef MG_REDUCED
/* x86_64 without KASAN (Debian): PAGE_SIZE << 2; pt_regs end the stack (no TOP_OF_KERNEL_STACK_PADDING). */
#define THREAD_SIZE (4096 << 2)
/* The task running the program: a plain pointer before 5.11, read only through CO-RE probe reads. */
#define current_task() ((struct task_struct *)bpf_get_current_task())
#else
#define current_task() bpf_get_current_task_btf()
#endif

#endif
