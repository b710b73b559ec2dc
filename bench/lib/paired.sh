# shellcheck shell=bash
# Paired rounds against a baseline tollgated binary (--baseline PATH), shared by
# run.sh, keys.sh, metering.sh and load.sh. Sourced; the script sets TOLLGATED,
# BASELINE, ROUNDS, DURATION and WORK before calling pair_rounds.
#
# A round measures the current build and the baseline back to back, the order
# flipped every round (current baseline, baseline current, ...), so drift on the
# machine hits both alike. Each round's ratio is taken on its own and the median
# of those ratios is the result. Ratios are oriented so that >= 1 means "the
# current build is not worse": current/baseline where higher is better
# (throughput), baseline/current where lower is better (CPU per request).

PAIR_MIN_RATIO=0.97
PAIR_PID=""
PAIR_CURRENT=()  # per round: the current build's values, space-separated
PAIR_BASELINE=() # per round: the baseline's values
PAIR_ORDER=()    # per round: which build ran first
# PAIR_SPEC (set by the script): one "name:higher|lower:format" per value the
# measuring function reports, headline first. format is a Python format spec.
PAIR_SPEC=()

# pair_resolve PATH CALLER_DIR: the baseline's absolute path (relative paths are
# taken from where the script was started); exits 2 if it is not a tollgated.
pair_resolve() {
  local p=$1
  [[ $p == /* ]] || p=$2/$p
  if [[ ! -f $p || ! -x $p ]] || ! "$p" --version 2>/dev/null | grep -q '^tollgated '; then
    echo "--baseline $1: not a tollgated binary" >&2
    exit 2
  fi
  realpath "$p"
}

# pair_start NAME URL BIN [ARGS...]: BIN ARGS on CPU 0, output to
# $WORK/NAME.log; returns when URL answers 2xx.
pair_start() {
  local name=$1 url=$2 bin=$3
  shift 3
  taskset -c 0 "$bin" "$@" >"$WORK/$name.log" 2>&1 &
  PAIR_PID=$!
  for _ in $(seq 1 200); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "$bin did not come up at $url:" >&2
  tail -5 "$WORK/$name.log" >&2
  return 1
}

pair_stop() {
  [[ -n $PAIR_PID ]] || return 0
  kill -TERM "$PAIR_PID" 2>/dev/null || true
  wait "$PAIR_PID" 2>/dev/null || true
  PAIR_PID=""
}

pair_join() {
  local IFS=';'
  echo "$*"
}

# For the script's EXIT trap.
pair_cleanup() {
  if [[ -n $PAIR_PID ]]; then kill "$PAIR_PID" 2>/dev/null || true; fi
}

# pair_rounds FN: ROUNDS rounds of `FN current $TOLLGATED` and
# `FN baseline $BASELINE`, the order flipped every round. FN leaves its values
# in PAIR_VALUES (as PAIR_SPEC lists them) and must not run in a subshell.
pair_rounds() {
  local fn=$1 r b order
  if ! ((ROUNDS >= 1)); then
    echo "--rounds must be at least 1 with --baseline" >&2
    exit 2
  fi
  for ((r = 1; r <= ROUNDS; r++)); do
    order=(current baseline)
    ((r % 2)) || order=(baseline current)
    for b in "${order[@]}"; do
      PAIR_VALUES=""
      if [[ $b == current ]]; then
        "$fn" current "$TOLLGATED"
      else
        "$fn" baseline "$BASELINE"
      fi
      if [[ -z $PAIR_VALUES ]]; then
        echo "$fn $b: no measurement" >&2
        exit 1
      fi
      if [[ $b == current ]]; then PAIR_CURRENT+=("$PAIR_VALUES"); else PAIR_BASELINE+=("$PAIR_VALUES"); fi
    done
    PAIR_ORDER+=("${order[0]} first")
    python3 - "$r" "${PAIR_ORDER[-1]}" "$(pair_join "${PAIR_SPEC[@]}")" "${PAIR_CURRENT[-1]}" \
      "${PAIR_BASELINE[-1]}" <<'PY'
import sys
r, order, spec, cur, base = sys.argv[1:]
spec = [s.split(":") for s in spec.split(";")]
cur, base = map(float, cur.split()), map(float, base.split())
parts = []
for (name, better, fmt), c, b in zip(spec, cur, base):
    ratio = c / b if better == "higher" else b / c
    parts.append(f"{name} current {c:{fmt}} baseline {b:{fmt}} ratio {ratio:.3f}")
print(f"round {r} ({order}): " + "; ".join(parts))
PY
  done
}

# pair_report FILE WHAT: the rounds as a Markdown table, the median of the
# per-round ratios and PASS/FAIL for the headline (first) value, printed and
# appended to FILE. Returns 1 on FAIL.
pair_report() {
  local file=$1 what=$2 rev cur_version base_version
  rev=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)
  cur_version=$("$TOLLGATED" --version 2>/dev/null || true)
  base_version=$("$BASELINE" --version 2>/dev/null || true)
  {
    echo
    python3 - "$what" "$PAIR_MIN_RATIO" "$ROUNDS" "$DURATION" "$rev" "$cur_version" "$BASELINE" \
      "$base_version" "$(pair_join "${PAIR_SPEC[@]}")" "$(pair_join "${PAIR_CURRENT[@]}")" \
      "$(pair_join "${PAIR_BASELINE[@]}")" "$(pair_join "${PAIR_ORDER[@]}")" <<'PY'
import statistics as st, sys
(what, minratio, rounds, dur, rev, curv, basepath, basev, spec, cur, base, order) = sys.argv[1:]
minratio = float(minratio)
spec = [s.split(":") for s in spec.split(";")]
cur = [list(map(float, r.split())) for r in cur.split(";")]
base = [list(map(float, r.split())) for r in base.split(";")]
order = order.split(";")
def ratio(better, c, b):
    return c / b if better == "higher" else b / c
ratios = [[ratio(s[1], c[i], b[i]) for c, b in zip(cur, base)] for i, s in enumerate(spec)]
print(f"Paired with a baseline: {what}. Current build: {curv} at {rev}; baseline: {basepath} "
      f"({basev}). {rounds} rounds of {dur} s each, the order flipped every round; a ratio "
      f">= 1 means the current build is not worse.")
print()
head = ["round", "order"]
for name, _, _ in spec:
    head += [f"current {name}", f"baseline {name}", "ratio"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for r in range(len(cur)):
    row = [str(r + 1), order[r]]
    for i, (name, better, fmt) in enumerate(spec):
        row += [f"{cur[r][i]:{fmt}}", f"{base[r][i]:{fmt}}", f"{ratios[i][r]:.3f}"]
    print("| " + " | ".join(row) + " |")
row = ["median", ""]
for i, (name, better, fmt) in enumerate(spec):
    row += [f"{st.median(c[i] for c in cur):{fmt}}", f"{st.median(b[i] for b in base):{fmt}}",
            f"**{st.median(ratios[i]):.3f}**"]
print("| " + " | ".join(row) + " |")
print()
for i, (name, better, fmt) in enumerate(spec):
    how = "current/baseline" if better == "higher" else "baseline/current"
    print(f"Median of the per-round ratios, {name}: {st.median(ratios[i]):.3f} ({how}; "
          f"rounds {min(ratios[i]):.3f}-{max(ratios[i]):.3f}).")
m = st.median(ratios[0])
ok = m >= minratio
print(("PASS" if ok else "FAIL") + f" median {spec[0][0]} ratio >= {minratio} ({m:.3f})")
sys.exit(0 if ok else 1)
PY
  } | tee -a "$file"
}
