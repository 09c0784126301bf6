#!/usr/bin/env bash
# modules-subset.sh FULL_ROOT VERSION LIST DEST_ROOT
# Copies the modules named in LIST and their modules.dep closure from FULL_ROOT/lib/modules/VERSION
# to DEST_ROOT/lib/modules/VERSION, runs depmod there, then puts back the full tree's alias,
# builtin and softdep tables so that request resolution in the guest is the real one.
# A name of LIST that is no module of this kernel fails, unless MODULES_SUBSET_MISSING_OK=1 (another
# kernel than the one the list was written for): then it is only reported.
set -euo pipefail
full=$1/lib/modules/$2; list=$3; dest=$4/lib/modules/$2
mkdir -p "$dest"
wanted=$(sed -e 's/#.*//' -e 's/-/_/g' "$list" | tr -s ' \n' '\n' | sed '/^$/d')
# modules.dep: "kernel/x/name.ko: dep.ko dep.ko"; file names may use '-' where the module name has '_'.
files=$(awk -v wanted="$wanted" -v missing_ok="${MODULES_SUBSET_MISSING_OK:-0}" '
  BEGIN { n = split(wanted, w, "\n"); for (i = 1; i <= n; i++) want[w[i]] = 1 }
  { f = $1; sub(":", "", f); name = f; sub(".*/", "", name); sub("\\.ko.*", "", name); gsub("-", "_", name)
    if (name in want) { found[name] = 1; print f; for (i = 2; i <= NF; i++) print $i } }
  END { for (m in want) if (!(m in found)) { print "modules-subset: " m " is not a module of this kernel" > "/dev/stderr"; bad = 1 }
        exit bad && !missing_ok }' "$full/modules.dep" | sort -u)
for f in $files; do
  mkdir -p "$dest/$(dirname "$f")"
  cp "$full/$f" "$dest/$f"
done
cp "$full"/modules.order "$full"/modules.builtin "$full"/modules.builtin.modinfo "$dest/"
depmod -b "$4" "$2"
# depmod wrote tables for the subset; restore the full tree's resolution tables.
cp "$full"/modules.alias "$full"/modules.alias.bin "$full"/modules.softdep \
   "$full"/modules.builtin.bin "$full"/modules.builtin.alias.bin "$dest/"
