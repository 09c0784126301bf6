#!/usr/bin/env python3
"""List module aliases that a kernel source tree has commented out.

Usage: extract_disabled_aliases.py KERNEL_SOURCE_DIR > data/disabled-aliases-sites.tsv

Debian's kernel patches disable the autoloading of some rarely used, often vulnerable protocols
(rds, tipc, dccp…) by commenting out their MODULE_ALIAS_* lines. The request still reaches modprobe,
which then finds nothing. This lists each such line: file, line, and the macro call as written.
"""
import os
import re
import sys

DISABLED = re.compile(r"(?:/\*|//)\s*(MODULE_ALIAS\w*\s*\([^)]*\))")


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: extract_disabled_aliases.py KERNEL_SOURCE_DIR")
    root = sys.argv[1]
    rows = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d not in ("Documentation", "tools", "samples"))
        for name in files:
            if not name.endswith(".c"):
                continue
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                for number, line in enumerate(f, 1):
                    m = DISABLED.search(line)
                    if m:
                        rows.append((os.path.relpath(path, root), number, " ".join(m.group(1).split())))
    print("file\tline\tmacro")
    for row in sorted(rows):
        print("\t".join(str(x) for x in row))


if __name__ == "__main__":
    main()
