#!/usr/bin/env bash
# Cold start of `modgate check` on the packaged default policy (packaging/policy/policy.conf): the NativeAOT
# binary against the same code run as `dotnet modgate.dll` (JIT), measured by hyperfine in one run so the
# ratio compares like with like. Goal (issue 8): NativeAOT <= 20 ms.
#
#   bench/cold-start/run.sh [AOT_BINARY [MODGATE_DLL]]
#
# Without arguments it publishes NativeAOT as the VM harness does (scripts/publish-aot.sh) and builds the
# Release modgate.dll. Two cases: with Debian 6.1's module tree (what `check` reads on a Debian host: the
# tree's module names for did-you-mean warnings) and with no tree at all (an initramfs, a container).
# Results: artifacts/bench/cold-start.md (hyperfine's markdown tables) and the summary printed at the end.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
command -v hyperfine >/dev/null || { echo "cold-start: hyperfine is missing (apt-get install hyperfine; scripts/setup.sh installs it)" >&2; exit 1; }
out=$repo/artifacts/bench; mkdir -p "$out"
aot=${1:-$(scripts/publish-aot.sh "$out/modgate")}
dll=${2:-}
if [ -z "$dll" ]; then
  dotnet build src/Modgate.Cli -c Release -v q -nologo > "$out/build-jit.log" 2>&1 || { echo "cold-start: dotnet build failed (see $out/build-jit.log)" >&2; exit 1; }
  dll=$repo/src/Modgate.Cli/bin/Release/net10.0/modgate.dll
fi
policy=$repo/packaging/policy/policy.conf
kernel_root=$(scripts/fetch-debian-kernel.sh)
tree=$kernel_root/lib/modules/$(ls "$kernel_root/lib/modules")
# No tree: a directory that holds no modules.* files (check then skips the did-you-mean warnings).
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT

run_case() { # NAME ARGS...
  local name=$1; shift
  hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-markdown "$out/cold-start-$name.md" --export-json "$out/cold-start-$name.json" \
    -n "NativeAOT" "$aot check $*" -n "dotnet modgate.dll" "dotnet $dll check $*" >&2
  python3 - "$out/cold-start-$name.json" "$name" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
aot, jit = r["NativeAOT"], r["dotnet modgate.dll"]
print(f"{sys.argv[2]}: NativeAOT median {aot['median']*1000:.1f} ms (mean {aot['mean']*1000:.1f} ± {aot['stddev']*1000:.1f}), "
      f"dotnet modgate.dll median {jit['median']*1000:.1f} ms (mean {jit['mean']*1000:.1f} ± {jit['stddev']*1000:.1f}), "
      f"ratio {jit['median']/aot['median']:.1f}x")
PY
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run_case debian-tree --kernel-tree "$tree" "$policy"
run_case no-tree --kernel-tree "$empty" "$policy"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$out"/cold-start-debian-tree.md "$out"/cold-start-no-tree.md > "$out/cold-start.md"
