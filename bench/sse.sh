#!/usr/bin/env bash
# Server-Sent Events benchmark: events delivered to 100 clients, and the
# server CPU each event costs.
#
#   bash bench/sse.sh [--duration SECONDS] [--clients N]
#
# 1. Unpaced: every client reads a stream of 100 events as fast as it goes,
#    then the next one on the same connection. tollgated answers an SSE route
#    of 100 events with no waits; nginx serves a file holding the same 100
#    events, byte for byte, as text/event-stream. The client is
#    `tollgated load --stream` (it counts events as they arrive) for both.
# 2. Paced: tollgated alone (nginx cannot pace a stream), 100 clients on an
#    endless stream of 100 events a second each: the events a second
#    delivered against the 10,000 asked for, and CPU per event.
#
# Servers are pinned to CPU 0, the client to CPU 1; everything listens on
# 127.0.0.1 and is stopped at the end. Results go to bench/out/sse.md.
# TOLLGATED=PATH uses that binary instead of building the release preset.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=10
CLIENTS=100
while (($#)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

if [[ -z ${TOLLGATED:-} ]]; then
  TOLLGATE_BENCH=1 bash scripts/install-deps.sh
  cmake --preset release >/dev/null
  cmake --build --preset release --target tollgated -j 2 >/dev/null
  TOLLGATED=$ROOT/build/release/app/tollgated
fi

source bench/lib/peers.sh
bench_workdir sse
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)

# The workspace: one finite stream of 100 static events, one endless paced one.
mkdir -p "$WORK/ws/routes"
python3 - "$WORK/ws" <<'PY'
import json, sys
ws = sys.argv[1]
json.dump({"schemaVersion": 1, "name": "sse-bench", "server": {"port": 0}},
          open(ws + "/tollgate.json", "w"))
event = {"event": "tick", "data": '{"price":101.25,"symbol":"TLG","note":"a static event of a typical size"}',
         "id": "", "retryMs": 0, "delayMs": 0}
def route(path, sse):
    return {"schemaVersion": 1, "method": "GET", "path": path, "responder": "sse", "sse": sse}
json.dump(route("/burst", {"mode": "events", "events": [event] * 100, "heartbeatMs": 0}),
          open(ws + "/routes/get-burst.json", "w"))
json.dump(route("/paced", {"mode": "events", "events": [event], "repeat": True,
                           "eventsPerSecond": 100, "heartbeatMs": 0}),
          open(ws + "/routes/get-paced.json", "w"))
PY
"$TOLLGATED" --check "$WORK/ws" >/dev/null

TG_PORT=$(free_port)
taskset -c 0 "$TOLLGATED" --workspace "$WORK/ws" --port "$TG_PORT" --threads 1 --no-watch \
  --no-metrics >"$WORK/tg.log" 2>&1 &
TG_PID=$!; PIDS+=("$TG_PID")
wait_http "http://127.0.0.1:$TG_PORT/health"

# nginx serves what tollgated's stream sends, as a file.
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/www"
chmod 755 "$WORK" "$WORK/nginx" "$WORK/nginx/www" # nginx's workers run as nobody
curl -sS -N --max-time 5 "http://127.0.0.1:$TG_PORT/burst" >"$WORK/nginx/www/burst"
EVENTS_PER_STREAM=$(grep -c '^data: ' "$WORK/nginx/www/burst")
[[ $EVENTS_PER_STREAM == 100 ]] || { echo "the stream has $EVENTS_PER_STREAM events, not 100" >&2; exit 1; }
NG_PORT=$(free_port)
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
  sendfile on;
  server {
    listen 127.0.0.1:$NG_PORT;
    root $WORK/nginx/www;
    location = /burst { default_type text/event-stream; add_header Cache-Control no-cache; }
  }
}
NGX
taskset -c 0 nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NG_MASTER=$!; PIDS+=("$NG_MASTER")
wait_http "http://127.0.0.1:$NG_PORT/burst"
NG_PID=$(pgrep -P "$NG_MASTER" | head -1)
cmp "$WORK/nginx/www/burst" <(curl -sS "http://127.0.0.1:$NG_PORT/burst") \
  || { echo "nginx does not serve the same bytes" >&2; exit 1; }

# load NAME PID URL: events/s and CPU µs per event, from the client's JSON report.
declare -A EPS CPU
load() {
  local name=$1 pid=$2 url=$3 t0 t1
  t0=$(cpu_ticks "$pid")
  taskset -c 1 "$TOLLGATED" load --url "$url" --stream --connections "$CLIENTS" \
    --duration "$DURATION" --quiet --json "$WORK/$name.json" >/dev/null
  t1=$(cpu_ticks "$pid")
  read -r EPS[$name] CPU[$name] < <(python3 - "$WORK/$name.json" "$((t1 - t0))" "$TICKS" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ticks, hz = int(sys.argv[2]), int(sys.argv[3])
events = r["total"].get("events", 0)
seconds = r["measuredSeconds"]
print(f"{events / seconds:.0f} {ticks / hz * 1e6 / max(events, 1):.2f}")
PY
)
}

load tollgated "$TG_PID" "http://127.0.0.1:$TG_PORT/burst"
load nginx "$NG_PID" "http://127.0.0.1:$NG_PORT/burst"
load paced "$TG_PID" "http://127.0.0.1:$TG_PORT/paced"

RATIO=$(python3 -c "print(f'{${EPS[tollgated]}/${EPS[nginx]}:.2f}')")
ASKED=$((CLIENTS * 100))
{
  echo "| run | server | events/s | CPU µs per event |"
  echo "|---|---|---:|---:|"
  echo "| $CLIENTS clients, streams of 100 events, unpaced | tollgated | ${EPS[tollgated]} | ${CPU[tollgated]} |"
  echo "| $CLIENTS clients, streams of 100 events, unpaced | nginx (the same bytes, a file) | ${EPS[nginx]} | ${CPU[nginx]} |"
  echo "| $CLIENTS clients, 100 events/s each (asked: $ASKED/s) | tollgated | ${EPS[paced]} | ${CPU[paced]} |"
  echo
  echo "tollgated / nginx, unpaced events/s: $RATIO"
} | tee bench/out/sse.md
