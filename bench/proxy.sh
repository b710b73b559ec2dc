#!/usr/bin/env bash
# Proxy benchmark: tollgated forwarding an upstream route to an nginx upstream,
# against nginx's own proxy_pass (keep-alive to the same upstream), in one run.
# The proxy under test is pinned to CPU 0 (one worker thread / process); the
# upstream nginx and wrk share CPU 1. Everything listens on 127.0.0.1 and is
# stopped at the end.
#
#   bash bench/proxy.sh [--duration SECONDS]
#
# Prints requests/s and the proxy's CPU µs per request for both, the ratio the
# target is stated in (tollgated >= 0.7x nginx proxy_pass) and the CPU
# tollgated adds per request over nginx. Results go to bench/out/proxy.md too.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=10
while (($#)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

TOLLGATE_BENCH=1 bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tollgated -j 2 >/dev/null
TOLLGATED=$ROOT/build/release/app/tollgated

source bench/lib/peers.sh
bench_workdir proxy
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)
BODY='{"id":42,"name":"widget","price":1999,"tags":["a","b"]}'

# The upstream: nginx on CPU 1 answering a small JSON body.
UP_PORT=$(free_port)
mkdir -p "$WORK/up/logs" "$WORK/px/logs"
cat >"$WORK/up/nginx.conf" <<NGX
worker_processes 1;
worker_cpu_affinity 10;
daemon off;
pid $WORK/up/nginx.pid;
error_log $WORK/up/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$UP_PORT;
    location /items/ { default_type application/json; return 200 '$BODY'; }
  }
}
NGX
nginx -p "$WORK/up" -c "$WORK/up/nginx.conf" &
PIDS+=("$!")

# nginx as the proxy: one worker on CPU 0, pooled keep-alive to the upstream.
NG_PORT=$(free_port)
cat >"$WORK/px/nginx.conf" <<NGX
worker_processes 1;
worker_cpu_affinity 01;
daemon off;
pid $WORK/px/nginx.pid;
error_log $WORK/px/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:$UP_PORT; keepalive 64; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$NG_PORT;
    location /v1/ {
      proxy_pass http://backend/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$proxy_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_buffering on;
    }
  }
}
NGX
taskset -c 0 nginx -p "$WORK/px" -c "$WORK/px/nginx.conf" &
NG_MASTER=$!; PIDS+=("$NG_MASTER")

# tollgated as the proxy: one worker thread on CPU 0, the same path rewrite.
mkdir -p "$WORK/ws/routes"
echo '{"schemaVersion": 1, "name": "proxy bench"}' >"$WORK/ws/tollgate.json"
cat >"$WORK/ws/routes/get-items.json" <<JSON
{"schemaVersion": 1, "method": "GET", "path": "/v1/items/{id}", "responder": "upstream",
 "upstream": {"url": "http://127.0.0.1:$UP_PORT", "stripPrefix": "/v1",
              "pool": {"maxConnections": 512}}}
JSON
TG_PORT=$(free_port)
taskset -c 0 "$TOLLGATED" --workspace "$WORK/ws" --port "$TG_PORT" --threads 1 --no-watch \
  --no-metrics --allow-upstream 127.0.0.1 >"$WORK/tg.log" 2>&1 &
TG_PID=$!; PIDS+=("$TG_PID")

wait_http "http://127.0.0.1:$UP_PORT/items/1"
wait_http "http://127.0.0.1:$NG_PORT/v1/items/1"
wait_http "http://127.0.0.1:$TG_PORT/v1/items/1"
NG_PID=$(pgrep -P "$NG_MASTER" | head -1)
cmp <(curl -s "http://127.0.0.1:$TG_PORT/v1/items/1") <(curl -s "http://127.0.0.1:$NG_PORT/v1/items/1") \
  || { echo "the two proxies answer different bodies" >&2; exit 1; }

declare -A RPS CPU
run() { # name pid port conns
  local name=$1 pid=$2 port=$3 conns=$4 t0 t1 out rps total errs
  t0=$(cpu_ticks "$pid")
  out=$(taskset -c 1 wrk -t1 -c"$conns" -d"${DURATION}s" "http://127.0.0.1:$port/v1/items/42")
  t1=$(cpu_ticks "$pid")
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  total=$(awk '/requests in/{print $1}' <<<"$out")
  errs=$(awk '/Non-2xx|Socket errors/{print}' <<<"$out")
  RPS[$name/$conns]=$rps
  CPU[$name/$conns]=$(python3 -c "print(round(($t1-$t0)/$TICKS*1e6/max(1,$total),2))")
  printf '%-10s c=%-4s %12s req/s  %8s µs CPU/req  %s\n' "$name" "$conns" "$rps" "${CPU[$name/$conns]}" "$errs"
}

for c in 64 256; do
  run tollgated "$TG_PID" "$TG_PORT" "$c"
  run nginx "$NG_PID" "$NG_PORT" "$c"
done

mkdir -p bench/out
{
  echo "| connections | tollgated req/s | nginx proxy_pass req/s | tollgated/nginx | CPU µs/req tollgated | CPU µs/req nginx | added µs/req |"
  echo "|---|---|---|---|---|---|---|"
  for c in 64 256; do
    python3 - "$c" "${RPS[tollgated/$c]}" "${RPS[nginx/$c]}" "${CPU[tollgated/$c]}" "${CPU[nginx/$c]}" <<'PY'
import sys
c,t,n,ct,cn=sys.argv[1],float(sys.argv[2]),float(sys.argv[3]),float(sys.argv[4]),float(sys.argv[5])
print(f"| {c} | {t:,.0f} | {n:,.0f} | {t/n:.2f}x | {ct:.2f} | {cn:.2f} | {ct-cn:+.2f} |")
PY
  done
} | tee bench/out/proxy.md

python3 - "${RPS[tollgated/64]}" "${RPS[nginx/64]}" <<'PY'
import sys
t,n=map(float,sys.argv[1:])
ok=t>=0.7*n
print(("PASS " if ok else "FAIL ")+f"tollgated proxy >= 0.7x nginx proxy_pass ({t/n:.2f}x)")
sys.exit(0 if ok else 1)
PY
