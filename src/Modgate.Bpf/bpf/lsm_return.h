/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Return values of BPF LSM programs on int hooks. From 6.12 the verifier accepts only a value it can prove is in
 * [-4095, 0], and it loses a register's bounds through BPF_NEG, which clang emits for `deny ? -EPERM : 0` when it
 * knows `deny` is 0 or 1 (e.g. a byte loaded from a struct it only ever set to 0 or 1). Hiding the value from clang
 * (barrier_var) keeps the choice a branch between two constants, which every verifier can see.
 */
#ifndef MODGATE_LSM_RETURN_H
#define MODGATE_LSM_RETURN_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define EPERM 1

/* -EPERM when refused is non-zero, else 0. */
static __always_inline int refusal(int refused)
{
	barrier_var(refused);
	return refused ? -EPERM : 0;
}

/* -(base + payload) for payload below limit (a power of two), computed without negation. */
static __always_inline int negative_code(int base, __u32 payload, __u32 limit)
{
	int code = -base;

	barrier_var(code);
	return code - (int)(payload & (limit - 1));
}

#endif
