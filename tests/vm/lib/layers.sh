# shellcheck shell=bash
# The layers of the guest initramfs (sourced by run.sh; uses its variables here, repo, cache,
# run, artifacts, tests_dir, script, adds and log). Linux unpacks concatenated compressed cpio
# archives in order, later files winning, so a boot image is just base + modgate + per-boot layer
# (+ a user space layer after modgate for kernels whose release has its own kmod: 6.12, newest).

pack() { # DIR OUT: DIR as a gzip'ed newc cpio whose "." is the guest's /
  chmod 0755 "$1"
  (cd "$1" && find . -print0 | cpio --null -o -H newc --owner=+0:+0 --quiet) | gzip -1 > "$2"
}

# Base layer (lib/build-base.sh): cached in $cache per kernel series, rebuilt when one of its inputs changes
# (its scripts, the guest files, modules.list, the kernel, this machine's packages it copies, and the packages of
# USERLAND_ROOT). Sets base to this run's own hard link of it, which a concurrent run cannot replace, and
# userland_layer to that of the series' user space layer (empty for a series that uses this machine's kmod).
prepare_base_layer() { # KERNEL_ROOT VERSION SERIES [USERLAND_ROOT]
  local key userland=${4:-}
  key=$( { cat "$here"/lib/build-base.sh "$here"/lib/modules-subset.sh "$here"/lib/copy-with-libs.sh \
             "$here"/lib/userland-layer.sh "$here"/guest/* "$here"/modules.list; echo "$1";
           dpkg-query -W busybox-static kmod bpftool libc6 2>/dev/null;
           [ -z "$userland" ] || { echo "$userland"; cat "$userland/PACKAGES"; }; } | sha256sum | cut -c1-16)
  local cached=$cache/base-$3-$key.cpio.gz
  exec 8>"$cache/.base.lock"; flock 8
  if [ ! -e "$cached" ]; then
    log "building the base layer of the $3 kernel (busybox, kmod, bpftool, trigger, modules of modules.list${userland:+; the user space of $(basename "$userland")})"
    rm -f "$cache"/base-"$3"-*.cpio.gz
    "$here/lib/build-base.sh" "$1" "$2" "$cached" ${userland:+"$userland"} || { flock -u 8; return 1; }
  fi
  ln -f "$cached" "$run/base-$3.cpio.gz" 2>/dev/null || cp "$cached" "$run/base-$3.cpio.gz"
  base=$run/base-$3.cpio.gz
  userland_layer=
  if [ -n "$userland" ]; then
    ln -f "${cached%.cpio.gz}.userland.cpio.gz" "$run/userland-$3.cpio.gz" 2>/dev/null ||
      cp "${cached%.cpio.gz}.userland.cpio.gz" "$run/userland-$3.cpio.gz"
    userland_layer=$run/userland-$3.cpio.gz
  fi
  flock -u 8
}

# `dotnet publish` of the CLI, NativeAOT (scripts/publish-aot.sh, shared with the package build and the benchmarks;
# its log in $artifacts/publish.log). Prints the path of this run's copy of the binary, nothing if the publish failed.
publish_modgate() {
  log "publishing modgate (NativeAOT)" >&2
  MODGATE_PUBLISH_LOG=$artifacts/publish.log "$repo/scripts/publish-aot.sh" "$run/modgate" ||
    log "dotnet publish failed: tests that need modgate will fail" >&2
}

# modgate layer: /usr/bin/modgate, the libraries it links, and those it opens at run time, which
# ldd cannot see: libbpf (BPF backend), liblzma and libzstd (compressed .ko), libssl (the .NET
# crypto shim: SHA-256 policy digest; without it modgate aborts "No usable version of libssl
# was found"). A new [LibraryImport] library belongs in this list.
build_modgate_layer() { # BINARY OUT
  local work; work=$(mktemp -d)
  "$here/lib/copy-with-libs.sh" "$work" "$1"
  local lib
  for lib in libbpf.so.1 liblzma.so.5 libzstd.so.1 libssl.so.3; do
    "$here/lib/copy-with-libs.sh" "$work" "/usr/lib/x86_64-linux-gnu/$lib"
  done
  rm "$work$1"; find "$work" -type d -empty -delete; mkdir -p "$work/usr/bin"
  cp "$1" "$work/usr/bin/modgate"
  pack "$work" "$2"
  rm -rf "$work"
}

# The per-boot layer (tests, policy fixtures, --add files, the script, the plan) on top of the others.
make_boot_image() { # PLAN_TEXT OUT
  local work; work=$(mktemp -d)
  mkdir -p "$work/vm" "$work/tests" "$work/policies"
  cp -r "$tests_dir/." "$work/tests/"
  [ -d "$here/policies" ] && cp -r "$here/policies/." "$work/policies/"
  cp -r "$repo/examples" "$work/policies/examples"
  [ -n "$script" ] && cp "$script" "$work/vm/script.sh"
  local add
  for add in "${adds[@]}"; do
    mkdir -p "$work$(dirname "${add#*:}")"; cp -r "${add%%:*}" "$work${add#*:}"
  done
  printf '%s\n' "$1" > "$work/vm/plan"
  pack "$work" "$work.layer"
  local layers=("$base"); [ -e "$run/modgate.cpio.gz" ] && layers+=("$run/modgate.cpio.gz")
  # Another release's kmod and libc after the modgate layer: its libraries win over the bookworm copies there.
  [ -z "${userland_layer:-}" ] || layers+=("$userland_layer")
  cat "${layers[@]}" "$work.layer" > "$2"
  rm -rf "$work" "$work.layer"
}
