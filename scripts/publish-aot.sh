#!/usr/bin/env bash
# publish-aot.sh: the NativeAOT `dotnet publish` of src/Modgate.Cli, written once: the VM harness
# (tests/vm/lib/layers.sh, publish_modgate), the package build (scripts/build-deb.sh, and so the package and system
# tests) and the benchmarks (bench/) all call it, so they share one incremental publish in tests/vm/.cache/publish,
# one at a time under its lock. Prints the path of the caller's own copy of the binary (DEST, default a new
# temporary file), since another run may publish over the shared output right after.
# The publish log goes to $MODGATE_PUBLISH_LOG (default artifacts/publish-aot.log).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cache=$repo/tests/vm/.cache
dest=${1:-$(mktemp --suffix=.modgate)}
log=${MODGATE_PUBLISH_LOG:-$repo/artifacts/publish-aot.log}
mkdir -p "$cache" "$(dirname "$log")"
# shellcheck disable=SC2016 # $1..$3 are the inner sh's arguments
if ! flock "$cache/.publish.lock" sh -c 'dotnet publish "$1" -c Release -r linux-x64 -p:PublishAot=true -o "$2" && cp "$2/modgate" "$3"' \
     publish "$repo/src/Modgate.Cli" "$cache/publish" "$dest" > "$log" 2>&1; then
  echo "publish-aot.sh: dotnet publish failed; its errors (full log: $log):" >&2
  grep -E 'error|Error' "$log" | sort -u | tail -n 15 >&2
  exit 1
fi
echo "$dest"
