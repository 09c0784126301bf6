#!/usr/bin/env bash
# publish-aot.sh: the NativeAOT `dotnet publish` of src/Modgate.Cli, the same command, output directory and
# lock as the VM harness (tests/vm/lib/layers.sh, publish_modgate), so the package, the benchmarks and the guest
# share one incremental publish. Prints the path of the caller's own copy of the binary (DEST, default a new
# temporary file), since another run may publish over the shared output right after.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cache=$repo/tests/vm/.cache
dest=${1:-$(mktemp --suffix=.modgate)}
mkdir -p "$cache" "$repo/artifacts"
log=$repo/artifacts/publish-aot.log
# shellcheck disable=SC2016 # $1..$3 are the inner sh's arguments
if ! flock "$cache/.publish.lock" sh -c 'dotnet publish "$1" -c Release -r linux-x64 -p:PublishAot=true -o "$2" && cp "$2/modgate" "$3"' \
     publish "$repo/src/Modgate.Cli" "$cache/publish" "$dest" > "$log" 2>&1; then
  echo "publish-aot.sh: dotnet publish failed; its errors (full log: $log):" >&2
  grep -E 'error|Error' "$log" | sort -u | tail -n 15 >&2
  exit 1
fi
echo "$dest"
