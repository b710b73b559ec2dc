#!/usr/bin/env bash
# The engine and integration tests under a sanitizer preset:
#
#   bash scripts/sanitizers.sh asan|tsan
#
# configures the preset without the UI (build/<preset>-engine, ccache), builds it
# and runs its tests: tests/server, tests/integration and, for asan, the fuzz
# harnesses' replay of their committed inputs (fuzz/replay_*). Exits non-zero on
# the first failure; a sanitizer report fails the test that caused it. Prints
# the time each part took. .ci/run runs tsan this way on the Debian 12 host; the
# Debian 13 leg (scripts/ci-trixie.sh) builds everything, UI included, under asan.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

preset=${1:-}
case "$preset" in
  asan | tsan) ;;
  *) echo "usage: bash scripts/sanitizers.sh asan|tsan" >&2; exit 2 ;;
esac

LAPS_NAME="sanitizers.sh: $preset"
source scripts/lib/laps.sh

TOLLGATE_TESTS=1 bash scripts/install-deps.sh >&2
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
build=build/$preset-engine
cmake --preset "$preset" -B "$build" -DTOLLGATE_BUILD_UI=OFF >/dev/null
cmake --build "$build" -j 2
part "configure and build"

# What the test presets set (CMakePresets.json), for a build tree of our own.
source scripts/lib/sanitizer-env.sh "$PWD"
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build" -j2 --output-on-failure --no-tests=error
part "tests"
echo "sanitizers.sh: $preset: passed in $((SECONDS - LAPS_BEGAN)) s" >&2
