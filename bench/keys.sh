#!/usr/bin/env bash
# What a key costs: wrk against two identical routes of one tollgated, one
# public and one that requires a key, is rate-limited (a limit high enough
# never to trigger) and counts a monthly quota with crash-safe usage
# persistence. Reports server CPU µs per request for both and the ratio.
# tollgated runs on CPU 0 with one worker, wrk on CPU 1; loopback only.
#
#   bash bench/keys.sh [--duration SECONDS] [--rounds N] [--baseline PATH]
#
# Results go to bench/out/keys.md as well.
#
# --baseline PATH (a tollgated binary) then runs N paired rounds of the keyed
# route on the current build and on PATH, alone on CPU 0 and in turns: CPU per
# request baseline/current (and req/s current/baseline) per round, PASS if the
# median CPU ratio is >= 0.97 (bench/lib/paired.sh). The table is appended to
# bench/out/keys.md.
set -euo pipefail
CALLER_DIR=$PWD
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=10
ROUNDS=3
BASELINE=""
while (($#)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --baseline) BASELINE=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
source bench/lib/paired.sh
[[ -z $BASELINE ]] || BASELINE=$(pair_resolve "$BASELINE" "$CALLER_DIR")

TOLLGATE_BENCH=1 bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tollgated -j 2 >/dev/null
TOLLGATED=$ROOT/build/release/app/tollgated

WORK=$(mktemp -d /tmp/tollgate-bench-keys.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  pair_cleanup
  wait 2>/dev/null || true
  [[ -n ${BENCH_KEEP:-} ]] || rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)

# Two routes with the same body; only access differs.
mkdir -p "$WORK/ws/routes"
cat >"$WORK/ws/tollgate.json" <<'JSON'
{
  "schemaVersion": 1,
  "name": "Key cost benchmark",
  "server": { "bind": "127.0.0.1", "port": 8080 },
  "tiers": [
    { "id": "bench", "name": "Bench", "requestsPerMinute": 60000000, "burst": 1000000,
      "monthlyQuota": 1000000000000, "pricePerRequestMicros": 100, "monthlyFeeMicros": 0,
      "overagePriceMicros": 0, "overQuota": "block" }
  ]
}
JSON
for kind in public keyed; do
  auth=public; [[ $kind == keyed ]] && auth=key
  cat >"$WORK/ws/routes/get-$kind.json" <<JSON
{
  "schemaVersion": 1, "method": "GET", "path": "/$kind",
  "responses": [ { "status": 200,
    "headers": [ { "name": "Content-Type", "value": "application/json" } ],
    "body": "{\"status\":\"ok\",\"version\":\"1.0.0\"}" } ],
  "access": { "auth": "$auth", "scopes": [], "costMicros": 10 }
}
JSON
done
KEY=$("$TOLLGATED" keys create --workspace "$WORK/ws" --tier bench --label bench 2>/dev/null)
[[ $KEY == tg_* ]] || { echo "could not create a key" >&2; exit 1; }

PORT=$(free_port)
taskset -c 0 "$TOLLGATED" --workspace "$WORK/ws" --port "$PORT" --threads 1 --no-watch >"$WORK/tg.log" 2>&1 &
PID=$!; PIDS+=("$PID")
for _ in $(seq 1 200); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/public" 2>/dev/null && break; sleep 0.05; done
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/keyed")
[[ $code == 200 ]] || { echo "keyed route answered $code" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/keyed")
[[ $code == 401 ]] || { echo "keyed route without a key answered $code" >&2; exit 1; }

declare -A SUM_CPU SUM_RPS
measure() { # kind
  local kind=$1 t0 t1 out total rps hdr=()
  [[ $kind == keyed ]] && hdr=(-H "Authorization: Bearer $KEY")
  t0=$(cpu_ticks "$PID")
  out=$(taskset -c 1 wrk -t1 -c64 -d"${DURATION}s" "${hdr[@]}" "http://127.0.0.1:$PORT/$kind")
  t1=$(cpu_ticks "$PID")
  if grep -q 'Non-2xx' <<<"$out"; then echo "$kind: non-2xx responses during the run" >&2; echo "$out" >&2; exit 1; fi
  total=$(awk '/requests in/{print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  local cpu; cpu=$(python3 -c "print(($t1-$t0)/$TICKS*1e6/max(1,$total))")
  printf '%-7s %12s req/s  %6.2f µs CPU/req\n' "$kind" "$rps" "$cpu"
  SUM_CPU[$kind]=$(python3 -c "print(${SUM_CPU[$kind]:-0}+$cpu)")
  SUM_RPS[$kind]=$(python3 -c "print(${SUM_RPS[$kind]:-0}+$rps)")
}
# Alternate so drift (thermal, other load) hits both alike.
for _ in $(seq 1 "$ROUNDS"); do
  measure public
  measure keyed
done

mkdir -p bench/out
RC=0
python3 - "${SUM_CPU[public]}" "${SUM_CPU[keyed]}" "${SUM_RPS[public]}" "${SUM_RPS[keyed]}" "$ROUNDS" <<'PY' | tee bench/out/keys.md || RC=$?
import sys
cp,ck,rp,rk,n=map(float,sys.argv[1:])
cp/=n; ck/=n; rp/=n; rk/=n
print("| route | req/s | server CPU µs/request |")
print("|---|---|---|")
print(f"| public | {rp:,.0f} | {cp:.2f} |")
print(f"| keyed, rate-limited, quota-counted | {rk:,.0f} | {ck:.2f} |")
print()
ratio=ck/cp
print(f"Keyed/public CPU per request: {ratio:.3f} ({(ratio-1)*100:+.1f} %).")
print(("PASS" if ratio<=1.25 else "FAIL")+" keyed route costs at most 25 % more CPU per request")
sys.exit(0 if ratio<=1.25 else 1)
PY
[[ -n $BASELINE ]] || exit "$RC"

# Paired with --baseline: each measurement gets a fresh server of the build
# under test (the same workspace and key, an empty state directory), alone on
# CPU 0.
keyed_once() { # build binary
  local build=$1 bin=$2 port t0 t1 out total rps
  port=$(free_port)
  rm -rf "$WORK/state"
  pair_start "tg-$build" "http://127.0.0.1:$port/public" "$bin" --workspace "$WORK/ws" \
    --port "$port" --threads 1 --no-watch --state-dir "$WORK/state"
  t0=$(cpu_ticks "$PAIR_PID")
  out=$(taskset -c 1 wrk -t1 -c64 -d"${DURATION}s" -H "Authorization: Bearer $KEY" \
    "http://127.0.0.1:$port/keyed")
  t1=$(cpu_ticks "$PAIR_PID")
  pair_stop
  if grep -q 'Non-2xx' <<<"$out"; then echo "$build keyed: non-2xx responses during the run" >&2; echo "$out" >&2; exit 1; fi
  total=$(awk '/requests in/{print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  PAIR_VALUES="$(python3 -c "print(($t1-$t0)/$TICKS*1e6/max(1,$total))") $rps"
}
kill -TERM "$PID"
wait "$PID" || true
PIDS=()
PAIR_SPEC=("keyed CPU µs/request:lower:.2f" "keyed req/s:higher:,.0f")
pair_rounds keyed_once
pair_report bench/out/keys.md "tollgated --threads 1 on CPU 0 serving the keyed, rate-limited, \
quota-counted route, wrk -t1 -c64 on CPU 1" || RC=1
exit "$RC"
