#!/usr/bin/env bash
# fuzz.sh [--long N] [--engine afl|mutate] [--seed S] [TARGET…]
# fuzz.sh --replay TARGET FILE…
#
# Feeds bad input at scale to modgate's parsers (tests/Modgate.Fuzz; targets: `fuzz.sh --list`).
#   (default)      the short run: the seeded mutation engine, 20,000 inputs per target (what the test suite runs).
#   --long N       N inputs per target. Engine afl (the default for --long): afl-fuzz (afl++) on Modgate.Kernel and
#                  Modgate.Policy instrumented by SharpFuzz, coverage-guided, one afl-fuzz process at a time.
#                  Engine mutate: the seeded mutation engine, no instrumentation.
#   --replay       runs saved inputs through the uninstrumented harness and prints the outcome or the exception.
# A failure is an exception other than the component's documented error, a broken invariant, more allocation than
# the input justifies, or an input that runs too long (afl: -t 5000 ms; mutate: 1 s of CPU).
# Failing inputs go to artifacts/fuzz/failures; afl-fuzz's own state to artifacts/fuzz/afl/TARGET.
# Ends with one line per target and "N failures"; exits 1 when there is any.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/artifacts/fuzz
long=""; engine=""; seed=1; targets=()
while [ $# -gt 0 ]; do
  case $1 in
    --long) long=$2; shift 2 ;;
    --engine) engine=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --list) mode=list; shift ;;
    --replay) mode=replay; shift; break ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
mode=${mode:-run}
[ -n "$long" ] && engine=${engine:-afl}
engine=${engine:-mutate}

# The uninstrumented harness: seeds, dictionaries, the mutation engine and replays.
dotnet build tests/Modgate.Fuzz -c Release -v q -nologo >/dev/null
harness=(dotnet "$root/tests/Modgate.Fuzz/bin/Release/net10.0/Modgate.Fuzz.dll")

case $mode in
  list) exec "${harness[@]}" list ;;
  replay) exec "${harness[@]}" replay "$@" ;;
esac
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <("${harness[@]}" list)

if [ "$engine" = mutate ]; then
  "${harness[@]}" mutate --inputs "${long:-20000}" --seed "$seed" --out "$work/failures" "${targets[@]}"
  exit $?
fi
[ "$engine" = afl ] || { echo "fuzz.sh: unknown engine $engine (afl or mutate)" >&2; exit 2; }

# afl++ from Debian and SharpFuzz's instrumenter (a .NET tool, kept under artifacts/).
if ! command -v afl-fuzz >/dev/null; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq afl++ >/dev/null
fi
tools=$work/tools
[ -x "$tools/sharpfuzz" ] || dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null

# A copy of the build with the components instrumented (the harness itself is not: its branches are not the target's).
bin=$work/afl-bin
rm -rf "$bin"; cp -r "$root/tests/Modgate.Fuzz/bin/Release/net10.0" "$bin"
for assembly in Modgate.Kernel Modgate.Policy; do "$tools/sharpfuzz" "$bin/$assembly.dll" >/dev/null; done

# No sysctl is written: afl++ is told not to care about core_pattern and CPU scaling instead.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
export AFL_FORKSRV_INIT_TMOUT=120000   # the .NET runtime starts slowly on a busy machine
summary=$work/afl-summary.txt; : > "$summary"
failures=0
for target in "${targets[@]}"; do
  state=$work/afl/$target
  rm -rf "$state"; mkdir -p "$state/seeds"
  "${harness[@]}" seeds "$target" "$state/seeds"
  "${harness[@]}" tokens "$target" "$state/dictionary"
  dict=(); [ -s "$state/dictionary" ] && dict=(-x "$state/dictionary")
  command=(afl-fuzz -i "$state/seeds" -o "$state/out" "${dict[@]}" -t 5000 -m none -E "$long" -s "$seed"
           -- dotnet "$bin/Modgate.Fuzz.dll" afl "$target")
  echo "+ ${command[*]}" >&2
  "${command[@]}" > "$state/afl.log" 2>&1 || { echo "afl-fuzz failed for $target (see $state/afl.log)" >&2; tail -5 "$state/afl.log" >&2; failures=$((failures + 1)); continue; }
  stats=$state/out/default/fuzzer_stats
  field() { sed -n "s/^$1 *: *//p" "$stats"; }
  crashes=$(field saved_crashes); hangs=$(field saved_hangs); done_execs=$(field execs_done)
  line="$target: $done_execs executions in $(field run_time) s ($(field execs_per_sec)/s), corpus $(field corpus_count), edges $(field edges_found), crashes $crashes, hangs $hangs"
  # afl-fuzz also stops on a signal (SIGHUP, SIGTERM from elsewhere): such a run is not the run asked for.
  if ! grep -q 'Execution limit was reached' "$state/afl.log" || [ "$done_execs" -lt "$long" ]; then
    line="$line; STOPPED before $long executions"; failures=$((failures + 1))
  fi
  echo "$line" | tee -a "$summary"
  # Each finding replayed on the uninstrumented build, and kept with the other failures.
  for finding in "$state"/out/default/crashes/id:* "$state"/out/default/hangs/id:*; do
    [ -e "$finding" ] || continue
    kind=$(basename "$(dirname "$finding")")
    mkdir -p "$work/failures"; copy=$work/failures/$target-afl-$kind-$(sha256sum "$finding" | cut -c1-16).bin
    cp "$finding" "$copy"
    echo "  $kind: $copy"; "${harness[@]}" replay "$target" "$copy" | sed 's/^/    /' | head -8 || true
  done
  failures=$((failures + crashes + hangs))
done
echo "$failures failures"
[ "$failures" -eq 0 ]
