/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The name inside a module image (explicit load), read from its ELF as the kernel reads it.
 */
#ifndef MG_ELF_H
#define MG_ELF_H

#include "mg_kernel.h"
#include "mg_maps.h"

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

#ifdef MG_REDUCED
/* Sections scanned for .gnu.linkonce.this_module (Debian's modules have at most 93): the 5.10 verifier follows at
 * most 8192 branches along one path through the unrolled walk. */
#define MG_REDUCED_MAX_SECTIONS 128
#endif

/* Relocation sections aimed at the module section, and their entries, that the ELF walk checks (more: refused). */
#define MG_ELF_MAX_REL_SECTIONS 2
#define MG_ELF_MAX_RELOCATIONS 64

/* Per-CPU scratch of the ELF walk (the 6.1 verifier loses bpf_loop callback stack state: keep it in a map). */
struct mg_elf_scan {
	__u64 owner; /* who is walking: a task preempted mid-walk finds out it was overtaken */
	__u64 image; /* kernel address of the module image */
	__u64 size;
	__u64 shoff;     /* section header table */
	__u64 shstr_off; /* section name string table */
	__u64 shstr_size;
	__u64 mod_off; /* .gnu.linkonce.this_module: offset, size, type, index (0 = not found) */
	__u64 mod_size;
	__u32 mod_type;
	__u32 mod_index;
	__u32 shnum;
	__u32 bad; /* MG_REASON_* of the first check that failed, 0 = none */
	__u64 rel_off[MG_ELF_MAX_REL_SECTIONS];
	__u32 rel_count[MG_ELF_MAX_REL_SECTIONS];
	__u32 rel_entsize[MG_ELF_MAX_REL_SECTIONS];
	__u32 rel_sections;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct mg_elf_scan);
} mg_elf_scan SEC(".maps");

static __always_inline struct mg_elf_scan *elf_scan(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&mg_elf_scan, &zero);
}

static __always_inline int within(const struct mg_elf_scan *s, __u64 off, __u64 len)
{
	return off <= s->size && len <= s->size - off;
}

/* Section header i in sh, or 1 when it cannot be read (the image is then unparsed). */
static __always_inline int read_section_header(struct mg_elf_scan *s, __u32 i, struct elf64_shdr *sh)
{
	if (!bpf_probe_read_kernel(sh, sizeof(*sh), (void *)(s->image + s->shoff + (__u64)i * sizeof(*sh))))
		return 0;
	s->bad = MG_REASON_UNPARSED;
	return 1;
}

/* Whether sh is a section find_sec takes for the module: SHF_ALLOC and named exactly ".gnu.linkonce.this_module". */
static __always_inline int is_module_section(const struct mg_elf_scan *s, const struct elf64_shdr *sh)
{
	__u64 w[4] = {};

	return (sh->sh_flags & SHF_ALLOC) && (__u64)sh->sh_name + THIS_MODULE_SECTION_LEN <= s->shstr_size &&
	       !bpf_probe_read_kernel(w, THIS_MODULE_SECTION_LEN, (void *)(s->image + s->shstr_off + sh->sh_name)) &&
	       w[0] == W0 && w[1] == W1 && w[2] == W2 && w[3] == W3;
}

static __always_inline void take_module_section(struct mg_elf_scan *s, __u32 i, const struct elf64_shdr *sh)
{
	s->mod_index = i;
	s->mod_off = sh->sh_offset;
	s->mod_size = sh->sh_size;
	s->mod_type = sh->sh_type;
}

#ifdef MG_REDUCED
/* The reduced object's walk: the module section as find_sec finds it (from 1, SHF_ALLOC, exact name), nothing else:
 * the 5.10 verifier unrolls the walk and needs minutes for the full checks of scan_section. */
static long find_module_section(__u32 i, void *unused)
{
	struct mg_elf_scan *s = elf_scan();
	struct elf64_shdr sh;

	if (!s || i >= s->shnum || s->mod_index || s->bad)
		return 1;
	if (i == 0)
		return 0;
	if (read_section_header(s, i, &sh))
		return 1;
	if (!is_module_section(s, &sh))
		return 0;
	take_module_section(s, i, &sh);
	if (!within(s, sh.sh_offset, sh.sh_size))
		s->bad = MG_REASON_UNPARSED;
	return 1;
}
#else
/* Pass 1, section i: bounds and links as elf_validity_check; the module section as find_sec. */
static long scan_section(__u32 i, void *unused)
{
	struct mg_elf_scan *s = elf_scan();
	struct elf64_shdr sh;

	if (!s || i >= s->shnum || s->bad)
		return 1;
	if (i == 0)
		return 0;
	if (read_section_header(s, i, &sh))
		return 1;
	if (!s->mod_index && is_module_section(s, &sh))
		take_module_section(s, i, &sh);
	if (sh.sh_type == SHT_NULL || sh.sh_type == SHT_NOBITS)
		return 0;
	if (sh.sh_type == SHT_SYMTAB && (sh.sh_link == 0 || sh.sh_link >= s->shnum))
		s->bad = MG_REASON_UNPARSED;
	if (!within(s, sh.sh_offset, sh.sh_size))
		s->bad = MG_REASON_UNPARSED;
	return s->bad ? 1 : 0;
}

/* Pass 2, section i: the relocation sections aimed at the module section. */
static long scan_relocation_section(__u32 i, void *unused)
{
	struct mg_elf_scan *s = elf_scan();
	struct elf64_shdr sh;
	__u32 n, entsize;

	if (!s || i >= s->shnum || s->bad)
		return 1;
	if (read_section_header(s, i, &sh))
		return 1;
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
	__u64 owner = claim_scratch(&s->owner);
#ifdef MG_REDUCED
	if (eh.e_shnum > MG_REDUCED_MAX_SECTIONS)
		return -MG_REASON_UNSCANNED;
	/*
	 * The module section only: no bounds walk over every section and no relocation walk here (unrolled, the 5.10
	 * verifier takes minutes over them). A relocation can only fill zero bytes after the name's NUL (x86-64 refuses
	 * others), i.e. lengthen the name of code the image's author chose anyway (docs/security.md: a module is its
	 * code, not its name). No break: one way out of each loop keeps the verifier's work linear (the callback returns
	 * at once when done).
	 */
	for (__u32 i = 0; i < MG_REDUCED_MAX_SECTIONS; i++)
		find_module_section(i, NULL);
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

#endif
