#!/usr/bin/env bash
# Load generator benchmark: `tollgated load` against wrk, both driving the same
# nginx on loopback. nginx is pinned to CPU 0, the client under test to CPU 1,
# one thread each, 64 connections; the two clients take turns (ROUNDS pairs)
# and the medians are compared. Everything listens on 127.0.0.1 and is stopped
# at the end.
#
#   bash bench/load.sh [--duration SECONDS] [--rounds N]
#
# Targets (issue 6): tollgated load reaches >= 0.9x wrk's requests/s and
# reports a p50 within 10 % of wrk's. Results also go to bench/out/load.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=10
ROUNDS=3
CONNS=64
while (($#)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

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
  wait 2>/dev/null || true
  [[ -n ${BENCH_KEEP:-} ]] || rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() {
  for _ in $(seq 1 200); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "server at $1 did not come up" >&2; return 1
}

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

# wrk prints latency as 812.00us / 1.23ms / 1.01s.
to_us() { python3 -c "
import re,sys
m=re.match(r'([0-9.]+)(us|ms|s)$', sys.argv[1])
v=float(m.group(1)); print(v*{'us':1,'ms':1000,'s':1e6}[m.group(2)])" "$1"; }

WRK_RPS=(); WRK_P50=(); TG_RPS=(); TG_P50=()
for r in $(seq 1 "$ROUNDS"); do
  out=$(taskset -c 1 wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency "$URL")
  WRK_RPS+=("$(awk '/Requests\/sec/{print $2}' <<<"$out")")
  WRK_P50+=("$(to_us "$(awk '$1=="50%"{print $2}' <<<"$out")")")
  taskset -c 1 "$TOLLGATED" load --url "$URL" --connections "$CONNS" --threads 1 \
    --duration "$DURATION" --quiet --json "$WORK/tg.json" >"$WORK/tg.txt"
  read -r rps p50 errors < <(python3 -c "
import json,sys
r=json.load(open(sys.argv[1]))
t=r['total']
print(r['throughput'] if 'throughput' in r else t['requests']/r['measuredSeconds'], t['latency']['p50'],
      sum(t['errors'].values()))" "$WORK/tg.json")
  TG_RPS+=("$rps"); TG_P50+=("$p50")
  printf 'round %d: wrk %s req/s p50 %s µs | tollgated load %.0f req/s p50 %s µs (%s errors)\n' \
    "$r" "${WRK_RPS[-1]}" "${WRK_P50[-1]}" "$rps" "$p50" "$errors"
done

mkdir -p bench/out
python3 - "${WRK_RPS[*]}" "${WRK_P50[*]}" "${TG_RPS[*]}" "${TG_P50[*]}" "$CONNS" "$DURATION" <<'PY' | tee bench/out/load.md
import statistics as st, sys
wr,wp,tr,tp=[list(map(float,a.split())) for a in sys.argv[1:5]]
conns,dur=sys.argv[5],sys.argv[6]
m=lambda v: st.median(v)
print(f"nginx on CPU 0, client on CPU 1, one thread, {conns} connections, {dur} s, median of {len(wr)} rounds")
print()
print("| client | req/s | p50 |")
print("|---|---|---|")
print(f"| wrk | {m(wr):,.0f} | {m(wp):.0f} µs |")
print(f"| tollgated load | {m(tr):,.0f} | {m(tp):.0f} µs |")
print()
rr=m(tr)/m(wr); pr=abs(m(tp)-m(wp))/m(wp)
print(f"throughput ratio {rr:.3f}x (target >= 0.9x), p50 difference {pr*100:.1f} % (target <= 10 %)")
ok = rr>=0.9 and pr<=0.10
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
