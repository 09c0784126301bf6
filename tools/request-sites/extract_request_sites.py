#!/usr/bin/env python3
"""List every request_module*() call site of a kernel source tree with its format string.

Usage: extract_request_sites.py KERNEL_SOURCE_DIR > data/request-sites.tsv

A call site is a call of request_module, request_module_nowait, __request_module,
try_then_request_module, symbol_request or nft_request_module (nf_tables' wrapper that formats
the request before calling request_module). For each it prints: the file, the line, the function,
the format string (adjacent literals joined; a macro between literals is written {MACRO}; a
format that is not a literal is written as the expression in <angle brackets>), and the remaining
arguments as written; then the function containing the call, the context it runs in and the evidence
for it (call_context.py: caller, kthread, workqueue, softirq, usermode-helper, boot; several joined
by commas). Output is sorted and stable, so the committed table can be compared with a fresh run.
Comments are stripped first: a call in a comment (Debian comments out some aliases and calls) is not
a call.
"""
import os
import re
import sys

import call_context

FUNCTIONS = ["request_module_nowait", "request_module", "__request_module", "try_then_request_module",
             "symbol_request", "nft_request_module"]
CALL = re.compile(r"\b(" + "|".join(re.escape(f) for f in FUNCTIONS) + r")\s*\(")
# The macro definitions themselves are not call sites.
DEFINITION_FILES = {"include/linux/kmod.h", "include/linux/module.h"}


def strip_comments(text):
    """Replace comments by spaces, keeping newlines so line numbers stay right; strings are kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def mask_strings(text):
    """The same text with the inside of every string and character literal blanked, for searching code only."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + (c if j < n else ""))
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_arguments(text, start):
    """Arguments of the call whose '(' is at text[start-1]; None when the parentheses never close."""
    depth, i, args, current = 1, start, [], []
    while i < len(text):
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            current.append(text[i:j + 1])
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append("".join(current).strip())
                return args
        elif c == "," and depth == 1:
            args.append("".join(current).strip())
            current = []
            i += 1
            continue
        current.append(c)
        i += 1
    return None


LITERAL_PART = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|#\s*[A-Za-z_][A-Za-z0-9_]*)')


def format_of(argument):
    """Adjacent string literals joined, macros between them as {NAME}; None if the argument is not of that form."""
    parts, pos, saw_literal = [], 0, False
    argument = " ".join(argument.split())
    while pos < len(argument):
        m = LITERAL_PART.match(argument, pos)
        if not m:
            return None
        token = m.group(1)
        if token.startswith('"'):
            parts.append(token[1:-1])
            saw_literal = True
        elif token.startswith("#"):
            parts.append("{#" + token[1:].strip() + "}")
        else:
            parts.append("{" + token + "}")
        pos = m.end()
    return "".join(parts) if saw_literal else None


def sites(root):
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d not in ("Documentation", "tools", "samples"))
        for name in sorted(files):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, root)
            if relative in DEFINITION_FILES:
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if "request_module" not in text and "symbol_request" not in text:
                continue
            text = strip_comments(text)
            # search in code only: "request_module (x) failed" inside a message is not a call
            for m in CALL.finditer(mask_strings(text)):
                function = m.group(1)
                # a definition or declaration of the wrapper, not a call
                before = text[max(0, m.start() - 40):m.start()]
                if re.search(r"(#\s*define\s+|\bint\s+|\bvoid\s+)$", before):
                    continue
                args = split_arguments(text, m.end())
                if args is None:
                    continue
                line = text.count("\n", 0, m.start()) + 1
                if function == "symbol_request":
                    fmt = "symbol:" + args[0]
                    rest = []
                else:
                    # the format is the first argument, after the bool of __request_module, the x of
                    # try_then_request_module and the net of nft_request_module
                    skip = 1 if function in ("__request_module", "try_then_request_module", "nft_request_module") else 0
                    if len(args) <= skip:
                        continue
                    fmt = format_of(args[skip])
                    if fmt is None:
                        fmt = "<" + " ".join(args[skip].split()) + ">"
                    rest = [" ".join(a.split()) for a in args[skip + 1:]]
                yield relative, line, function, fmt, ", ".join(rest)


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: extract_request_sites.py KERNEL_SOURCE_DIR")
    finder = call_context.ContextFinder(sys.argv[1])
    print("file\tline\tfunction\tformat\targuments\tenclosing\tcontext\tvia")
    for row in sorted(sites(sys.argv[1])):
        row = row + finder.context(row[0], row[1])
        print("\t".join(str(x).replace("\t", " ") for x in row))


if __name__ == "__main__":
    main()
