#!/usr/bin/env bash
# Table build of an agent reload (TableBuildBenchmarks) against Debian 6.1's module tree: first build with a catalog
# (baseline) vs a reload with the same catalog, in one BenchmarkDotNet run. Results: BenchmarkDotNet.Artifacts/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
MODGATE_BENCH_TREE="$(scripts/fetch-debian-kernel.sh)/lib/modules/6.1.0-56-amd64" \
  dotnet run -c Release --project bench/Modgate.Benchmarks -- --filter '*TableBuildBenchmarks*' "$@"
