#!/usr/bin/env bash
# GUI start-up and idle memory: launches the release build of the window on a
# copy of the demo workspace under Xvfb, five times, and reports the time from
# process start to the window's first paint and the resident set after 3 s idle.
# The measuring is done by tollgate-screenshot (--startup-report), which starts
# exactly as tollgate does (same libraries, same start-up code).
#   bash bench/gui.sh [RUNS]
# Targets: first paint under 1 s, idle RSS under 120 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tollgate-screenshot -j 2 >/dev/null
WORK=$(mktemp -d /tmp/tollgate-gui.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp -r resources/demo "$WORK/ws"
export XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data
paint=() rss=()
for i in $(seq 1 "$RUNS"); do
  out=$(xvfb-run -a -s "-screen 0 1600x1000x24" build/release/app/tollgate-screenshot \
          --workspace "$WORK/ws" --startup-report 2>/dev/null)
  p=$(awk '/first paint after/{print $4}' <<<"$out")
  r=$(awk '/idle RSS/{print $3}' <<<"$out")
  [[ -n $p && -n $r ]] || { echo "run $i printed no report: $out" >&2; exit 1; }
  echo "run $i: first paint ${p} ms, idle RSS $((r / 1024)) MiB"
  paint+=("$p"); rss+=("$r")
done
python3 - "${paint[*]}" "${rss[*]}" <<'PY'
import sys, statistics
p=[float(x) for x in sys.argv[1].split()]; r=[float(x)/1024 for x in sys.argv[2].split()]
mp, mr = statistics.median(p), statistics.median(r)
print(f"median first paint {mp:.0f} ms (max {max(p):.0f}), median idle RSS {mr:.1f} MiB (max {max(r):.1f})")
ok = max(p) < 1000 and max(r) < 120
print(("PASS" if ok else "FAIL") + ": window under 1 s and idle under 120 MB")
sys.exit(0 if ok else 1)
PY
