#!/usr/bin/env bash
# Hook-cost benchmark of modgate's BPF programs in the QEMU guest (Debian 6.1, or --kernel 6.12; TCG): fork+exec+exit with and
# without modgate, and the request hook's average run time (kernel.bpf_stats_enabled) for 10 vs 10,000 rules.
# Usage: bench/hooks/run.sh [--modgate-bin PATH] [--kernel 6.12]   (prints the RESULT lines; see BENCHMARKS.md "## hooks")
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
"$repo/tests/vm/run.sh" --bpf-stats --add "$here:/opt/bench" --script "$here/guest-hooks.sh" "$@" | grep '^RESULT'
