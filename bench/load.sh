#!/usr/bin/env bash
# Load generator benchmark: `tollgated load` against wrk, both driving the same
# nginx on loopback. nginx is pinned to CPU 0, the client under test to CPU 1,
# one thread each, 64 connections; the two clients take turns (ROUNDS pairs)
# and the medians are compared. Everything listens on 127.0.0.1 and is stopped
# at the end.
#
#   bash bench/load.sh [--duration SECONDS] [--rounds N] [--baseline PATH]
#
# Targets (issue 6): tollgated load reaches >= 0.9x wrk's requests/s and
# reports a p50 within 10 % of wrk's. Results also go to bench/out/load.md.
#
# --baseline PATH (a tollgated binary) then runs N paired rounds of
# `tollgated load` from the current build and `PATH load`, in turns against the
# same nginx: req/s current/baseline (and p50, client CPU per request
# baseline/current) per round, PASS if the median req/s ratio is >= 0.97
# (bench/lib/paired.sh). The table is appended to bench/out/load.md.
set -euo pipefail
CALLER_DIR=$PWD
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=5
ROUNDS=7
CONNS=64
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

[[ -n ${BENCH_NO_BUILD:-} ]] || TOLLGATE_BENCH=1 bash scripts/install-deps.sh
if [[ -z ${BENCH_NO_BUILD:-} ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target tollgated -j 2 >/dev/null
fi
TOLLGATED=$ROOT/build/release/app/tollgated

WORK=$(mktemp -d /tmp/tollgate-loadbench.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  pair_cleanup
  wait 2>/dev/null || true
  [[ -n ${BENCH_KEEP:-} ]] || rm -rf "$WORK"
}
trap cleanup EXIT

source bench/lib/peers.sh

NG_PORT=$(free_port)
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<NGX
worker_processes 1;
worker_cpu_affinity 01;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NG_PORT;
    location = /health { default_type application/json; return 200 '{"status":"ok"}'; }
  }
}
NGX
taskset -c 0 nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=("$!")
URL="http://127.0.0.1:$NG_PORT/health"
wait_http "$URL"
# Both clients send the same request: tollgated load names itself in a
# User-Agent header, and nginx spends ~5 % more per request parsing one, so
# wrk sends the same header.
USER_AGENT="User-Agent: tollgate-load/$("$TOLLGATED" --version | awk '{print $NF}')"
NG_WORKER=$(pgrep -f 'nginx: worker' -P "${PIDS[0]}" | head -1)
TICKS=$(getconf CLK_TCK)
ng_ticks() { awk '{print $14+$15}' "/proc/$NG_WORKER/stat"; }

# wrk prints latency as 812.00us / 1.23ms / 1.01s.
to_us() { python3 -c "
import re,sys
m=re.match(r'([0-9.]+)(us|ms|s)$', sys.argv[1])
v=float(m.group(1)); print(v*{'us':1,'ms':1000,'s':1e6}[m.group(2)])" "$1"; }

# CPU seconds (user + system) a command used, written to $WORK/cpu; its
# stdout passes through.
cpu_of() {
  python3 -c '
import resource, subprocess, sys
rc = subprocess.run(sys.argv[2:]).returncode
u = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{u.ru_utime + u.ru_stime}\n")
sys.exit(rc)' "$WORK/cpu" "$@"
}

WRK_RPS=(); WRK_P50=(); WRK_CPU=(); TG_RPS=(); TG_P50=(); TG_CPU=(); WRK_NG=(); TG_NG=()
run_wrk() {
  local out total t0
  t0=$(ng_ticks)
  out=$(cpu_of taskset -c 1 wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -H "$USER_AGENT" "$URL")
  WRK_RPS+=("$(awk '/Requests\/sec/{print $2}' <<<"$out")")
  WRK_P50+=("$(to_us "$(awk '$1=="50%"{print $2}' <<<"$out")")")
  total=$(awk '/requests in/{print $1}' <<<"$out")
  WRK_CPU+=("$(python3 -c "print($(cat "$WORK/cpu")*1e6/$total)")")
  WRK_NG+=("$(python3 -c "print(($(ng_ticks)-$t0)/$TICKS*1e6/$total)")")
}
# tg_load BINARY: one run of `BINARY load`; leaves LOAD_RPS, LOAD_P50,
# LOAD_ERR, LOAD_CPU (client) and LOAD_NG (nginx) per request.
tg_load() {
  local bin=$1 sent t0
  t0=$(ng_ticks)
  cpu_of taskset -c 1 "$bin" load --url "$URL" --connections "$CONNS" --threads 1 \
    --duration "$DURATION" --quiet --json "$WORK/tg.json" >"$WORK/tg.txt" 2>"$WORK/tg.err"
  read -r LOAD_RPS LOAD_P50 LOAD_ERR sent < <(python3 -c "
import json,sys
r=json.load(open(sys.argv[1]))
t=r['total']
print(t['requests']/r['measuredSeconds'], t['latency']['p50'], sum(t['errors'].values()),
      t['requests']+r['warmupRequests'])" "$WORK/tg.json")
  LOAD_CPU=$(python3 -c "print($(cat "$WORK/cpu")*1e6/$sent)")
  LOAD_NG=$(python3 -c "print(($(ng_ticks)-$t0)/$TICKS*1e6/$sent)")
}
run_tollgated() {
  tg_load "$TOLLGATED"
  TG_RPS+=("$LOAD_RPS"); TG_P50+=("$LOAD_P50"); TG_ERR=$LOAD_ERR
  TG_CPU+=("$LOAD_CPU"); TG_NG+=("$LOAD_NG")
}
# The machine's own noise drifts over seconds: the clients take turns, the
# order flips every round, and each round's pair is compared on its own.
for r in $(seq 1 "$ROUNDS"); do
  if ((r % 2)); then run_wrk; run_tollgated; else run_tollgated; run_wrk; fi
  printf 'round %d: wrk %.0f req/s p50 %.0f µs CPU/req %.2f µs (nginx %.2f) | tollgated load %.0f req/s p50 %s µs CPU/req %.2f µs (nginx %.2f), %s errors\n' \
    "$r" "${WRK_RPS[-1]}" "${WRK_P50[-1]}" "${WRK_CPU[-1]}" "${WRK_NG[-1]}" "${TG_RPS[-1]}" "${TG_P50[-1]}" "${TG_CPU[-1]}" "${TG_NG[-1]}" "$TG_ERR"
done

mkdir -p bench/out
RC=0
python3 - "${WRK_RPS[*]}" "${WRK_P50[*]}" "${TG_RPS[*]}" "${TG_P50[*]}" "${WRK_CPU[*]}" "${TG_CPU[*]}" "${WRK_NG[*]}" "${TG_NG[*]}" "$CONNS" "$DURATION" <<'PY' | tee bench/out/load.md || RC=$?
import statistics as st, sys
wr,wp,tr,tp,wc,tc,wn,tn=[list(map(float,a.split())) for a in sys.argv[1:9]]
conns,dur=sys.argv[9],sys.argv[10]
m=lambda v: st.median(v)
print(f"nginx on CPU 0, client on CPU 1, one thread, {conns} connections, {dur} s, median of {len(wr)} rounds")
print()
print("| client | req/s | p50 | client CPU per request | nginx CPU per request |")
print("|---|---|---|---|---|")
print(f"| wrk | {m(wr):,.0f} | {m(wp):.0f} µs | {m(wc):.2f} µs | {m(wn):.2f} µs |")
print(f"| tollgated load | {m(tr):,.0f} | {m(tp):.0f} µs | {m(tc):.2f} µs | {m(tn):.2f} µs |")
print()
# Median of the per-round ratios: each pair ran back to back.
rr=m([t/w for t,w in zip(tr,wr)]); pr=abs(m([t/w for t,w in zip(tp,wp)])-1)
print(f"throughput ratio {rr:.3f}x (median of rounds; target >= 0.9x), "
      f"p50 difference {pr*100:.1f} % (target <= 10 %)")
ok = rr>=0.9 and pr<=0.10
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
[[ -n $BASELINE ]] || exit "$RC"

# Paired with --baseline: the two builds' generators in turns against the same
# nginx, with the same flags.
load_once() { # build binary
  tg_load "$2"
  [[ $LOAD_ERR == 0 ]] || echo "$1: tollgated load counted $LOAD_ERR errors"
  PAIR_VALUES="$LOAD_RPS $LOAD_P50 $LOAD_CPU"
}
PAIR_SPEC=("load req/s:higher:,.0f" "p50 µs:lower:.0f" "client CPU µs/request:lower:.2f")
pair_rounds load_once
pair_report bench/out/load.md "\`tollgated load --threads 1 --connections $CONNS\` on CPU 1 \
against nginx (one worker) on CPU 0" || RC=1
exit "$RC"
