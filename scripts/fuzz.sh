#!/usr/bin/env bash
# The fuzz harnesses (fuzz/, docs/fuzzing.md) as a check:
#
#   bash scripts/fuzz.sh replay [SECONDS] [--preset fuzz|fuzz-ci]
#
# installs clang and libFuzzer (TOLLGATE_FUZZ=1 install-deps), configures and
# builds the `fuzz` preset (build/fuzz, ccache; fuzz-ci is the same at -O0, a
# third of the cold build time, for .ci/run), runs every harness once over
# each committed input (fuzz/corpus/<target>/ and fuzz/regressions/<target>/),
# then fuzzes each target for SECONDS (default 10) from a scratch copy of its
# corpus, so nothing is written into the tree. Exits non-zero on any crash,
# leak, sanitizer report or timeout; a new crashing input is kept under
# build/<preset>/findings/<target>/. Prints the time each part took.
# Long campaigns: bench/fuzz.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

usage() {
  echo "usage: bash scripts/fuzz.sh replay [SECONDS] [--preset fuzz|fuzz-ci]" >&2
  exit 2
}
[[ "${1:-}" == replay ]] || usage
shift
SECONDS_EACH=10
PRESET=fuzz
while (($#)); do
  case "$1" in
    --preset) [[ "${2:-}" == fuzz || "${2:-}" == fuzz-ci ]] || usage; PRESET=$2; shift 2 ;;
    *) [[ "$1" =~ ^[0-9]+$ ]] || usage; SECONDS_EACH=$1; shift ;;
  esac
done

LAPS_NAME=fuzz.sh
source scripts/lib/laps.sh

TOLLGATE_FUZZ=1 bash scripts/install-deps.sh >&2
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
cmake --preset "$PRESET" >/dev/null
cmake --build --preset "$PRESET" -j 2
part "configure and build"

BIN=$ROOT/build/$PRESET/fuzz
FINDINGS=$ROOT/build/$PRESET/findings
SCRATCH=$(mktemp -d /tmp/tollgate-fuzz-replay.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

targets=()
for harness in "$BIN"/fuzz_*; do
  [[ -x "$harness" && -f "$harness" ]] && targets+=("$(basename "$harness" | sed 's/^fuzz_//')")
done
((${#targets[@]} > 0)) || { echo "fuzz.sh: no harnesses in $BIN" >&2; exit 1; }

failed=()
# Every committed input once: the seeds and the reproducers of past findings.
for t in "${targets[@]}"; do
  inputs=()
  for dir in fuzz/corpus/$t fuzz/regressions/$t; do
    [[ -d $dir ]] && while IFS= read -r -d '' f; do inputs+=("$f"); done \
      < <(find "$dir" -type f -print0 | sort -z)
  done
  if ((${#inputs[@]} == 0)); then
    echo "fuzz.sh: $t has no committed inputs" >&2
    failed+=("$t (no corpus)")
    continue
  fi
  if ! "$BIN/fuzz_$t" -timeout=10 "${inputs[@]}" >"$SCRATCH/$t.replay.log" 2>&1; then
    tail -n 40 "$SCRATCH/$t.replay.log" >&2
    failed+=("$t (replay)")
  else
    echo "fuzz.sh: $t: ${#inputs[@]} committed inputs replayed" >&2
  fi
done
part "replay of the committed inputs"

if ((SECONDS_EACH > 0)); then
  for t in "${targets[@]}"; do
    mkdir -p "$SCRATCH/$t/corpus" "$SCRATCH/$t/artifacts"
    [[ -d fuzz/corpus/$t ]] && cp -r fuzz/corpus/$t/. "$SCRATCH/$t/corpus/"
    dict=()
    [[ -f fuzz/$t.dict ]] && dict=(-dict="fuzz/$t.dict")
    if ! "$BIN/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=10 -print_final_stats=1 \
      "${dict[@]}" -artifact_prefix="$SCRATCH/$t/artifacts/" "$SCRATCH/$t/corpus" \
      >"$SCRATCH/$t.log" 2>&1; then
      tail -n 40 "$SCRATCH/$t.log" >&2
      mkdir -p "$FINDINGS/$t"
      cp -r "$SCRATCH/$t/artifacts/." "$FINDINGS/$t/"
      echo "fuzz.sh: $t failed; its input is in $FINDINGS/$t" >&2
      failed+=("$t (fuzzing)")
      continue
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$SCRATCH/$t.log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$SCRATCH/$t.log")
    echo "fuzz.sh: $t: ${runs:-?} executions in ${SECONDS_EACH} s (${rate:-?}/s)" >&2
  done
  part "fuzzing, ${SECONDS_EACH} s per target"
fi

echo "fuzz.sh: total $((SECONDS - LAPS_BEGAN)) s" >&2
if ((${#failed[@]} > 0)); then
  echo "fuzz.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets passed" >&2
