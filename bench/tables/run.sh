#!/usr/bin/env bash
# Table build of an agent reload (TableBuildBenchmarks) against Debian 6.1's module tree: first build with a catalog
# (baseline) vs a reload with the same catalog, in one BenchmarkDotNet run. Results: BenchmarkDotNet.Artifacts/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
kernel_root=$(scripts/fetch-debian-kernel.sh)
MODGATE_BENCH_TREE=$kernel_root/lib/modules/$(ls "$kernel_root/lib/modules") \
  dotnet run -c Release --project bench/Modgate.Benchmarks -- --filter '*TableBuildBenchmarks*' "$@"
