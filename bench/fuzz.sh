#!/usr/bin/env bash
# A fuzzing campaign on one harness (fuzz/fuzz_<target>.cpp, docs/fuzzing.md):
#
#   bash bench/fuzz.sh TARGET [--time SECONDS | --runs N] [--workers N] [--work DIR]
#                             [--timeout SECONDS]
#
# Builds the `fuzz` preset, seeds a scratch corpus outside the tree (default
# /tmp/tollgate-fuzz/TARGET, kept between campaigns so they build on each
# other) from fuzz/corpus/TARGET, and fuzzes with the target's dictionary
# when there is one. --workers N runs N processes (-jobs=N -workers=N).
# Prints the executions and executions per second of each process and in
# all; a crashing input stays in WORK/artifacts/ and the exit status is
# non-zero. Default: 300 s, one worker. --timeout (default 10) is libFuzzer's
# per-input limit in wall-clock seconds: raise it for a campaign that shares
# the machine (a starved process times out without any hang). Add a finding to
# fuzz/regressions/TARGET/ once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

usage() {
  echo "usage: bash bench/fuzz.sh TARGET [--time SECONDS | --runs N] [--workers N] [--work DIR]" \
    "[--timeout SECONDS]" >&2
  exit 2
}
(($#)) || usage
TARGET=$1
shift
TIME=300
RUNS=""
WORKERS=1
WORK=""
TIMEOUT=10
while (($#)); do
  case "$1" in
    --time) TIME=$2; RUNS=""; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --workers) WORKERS=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ -f fuzz/fuzz_$TARGET.cpp ]] || { echo "bench/fuzz.sh: no harness fuzz/fuzz_$TARGET.cpp" >&2; exit 2; }
WORK=${WORK:-/tmp/tollgate-fuzz/$TARGET}

TOLLGATE_FUZZ=1 bash scripts/install-deps.sh >&2
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
cmake --preset fuzz >/dev/null
cmake --build build/fuzz -j 2 --target "fuzz_$TARGET" >&2
HARNESS=$ROOT/build/fuzz/fuzz/fuzz_$TARGET

mkdir -p "$WORK/corpus" "$WORK/artifacts" "$WORK/logs"
cp -rn "fuzz/corpus/$TARGET/." "$WORK/corpus/"
rm -f "$WORK"/logs/*.log
args=(-timeout="$TIMEOUT" -print_final_stats=1 -artifact_prefix="$WORK/artifacts/")
[[ -f fuzz/$TARGET.dict ]] && args+=(-dict="$ROOT/fuzz/$TARGET.dict")
if [[ -n $RUNS ]]; then
  args+=(-runs="$RUNS")
else
  args+=(-max_total_time="$TIME")
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

length="$TIME s"
[[ -n $RUNS ]] && length="$RUNS runs"
echo "bench/fuzz.sh: $TARGET, $length, $WORKERS worker(s), corpus $WORK/corpus ($(find "$WORK/corpus" -type f | wc -l) inputs)" >&2
start=$SECONDS
status=0
if ((WORKERS > 1)); then
  # -jobs keeps each worker's output in fuzz-<n>.log in the working directory.
  (cd "$WORK/logs" && "$HARNESS" "${args[@]}" -jobs="$WORKERS" -workers="$WORKERS" \
    "$WORK/corpus") || status=$?
else
  "$HARNESS" "${args[@]}" "$WORK/corpus" >"$WORK/logs/fuzz-0.log" 2>&1 || status=$?
fi
elapsed=$((SECONDS - start))

total=0
for log in "$WORK"/logs/fuzz-*.log; do
  [[ -f $log ]] || continue
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  echo "bench/fuzz.sh: $(basename "$log" .log): ${runs:-?} executions, ${rate:-?}/s" >&2
  total=$((total + ${runs:-0}))
done
cov=$(grep -ho 'cov: [0-9]*' "$WORK"/logs/fuzz-*.log 2>/dev/null | tail -n 1 || true)
echo "bench/fuzz.sh: $TARGET: $total executions in $elapsed s ($((total / (elapsed > 0 ? elapsed : 1)))/s in all), ${cov:-cov: ?}, corpus $(find "$WORK/corpus" -type f | wc -l) inputs" >&2
# slow-unit-* files are only slow inputs; these are findings.
found=$(find "$WORK/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
  -o -name 'oom-*' \) | wc -l)
if ((status != 0 || found > 0)); then
  echo "bench/fuzz.sh: FINDINGS in $WORK/artifacts:" >&2
  ls -l "$WORK/artifacts" >&2
  tail -n 60 "$WORK"/logs/fuzz-*.log >&2
  exit 1
fi
