#!/usr/bin/env bash
# Slow clients: tollgated and nginx each hold 1,000 connections that trickle a
# request header byte by byte (slowloris) and 1,000 that trickle a body, while
# a fresh client asks for a small answer 100 times. The server is pinned to
# CPU 0 (one worker thread / process), the slow clients and the prober share
# CPU 1; everything listens on 127.0.0.1 and is stopped at the end.
#
#   bash bench/slowclients.sh [--slow N] [--probes N] [--tollgated PATH]
#
# Prints, per server and phase (idle, slow headers held, slow bodies held), the
# fresh client's answer time (connect to last byte: median, p95, max) and the
# server's resident memory per held connection. The target: a fresh client is
# answered within 100 ms (max) while the slow ones are held. Both servers get
# the same header and body timeouts (30 s, longer than a phase) and no
# per-address connection limit gets in the way (the prober and the slow
# clients share 127.0.0.1). Results go to bench/out/slowclients.md too.
set -euo pipefail
CALLER_DIR=$PWD
cd "$(dirname "$0")/.."
ROOT=$PWD
SLOW=1000
PROBES=100
TOLLGATED=""
while (($#)); do
  case "$1" in
    --slow) SLOW=$2; shift 2 ;;
    --probes) PROBES=$2; shift 2 ;;
    --tollgated) TOLLGATED=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

if [[ -z $TOLLGATED ]]; then
  TOLLGATE_BENCH=1 bash scripts/install-deps.sh
  cmake --preset release >/dev/null
  cmake --build --preset release --target tollgated -j 2 >/dev/null
  TOLLGATED=$ROOT/build/release/app/tollgated
else
  [[ $TOLLGATED == /* ]] || TOLLGATED=$CALLER_DIR/$TOLLGATED
fi
"$TOLLGATED" --version | grep -q '^tollgated ' || { echo "$TOLLGATED is not tollgated" >&2; exit 2; }

# Two slow sets plus probes, in one process, and the servers' own ends.
ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) > 2 * SLOW + 200 )) || { echo "descriptor limit $(ulimit -n) is too low" >&2; exit 1; }

source bench/lib/peers.sh
bench_workdir slow
BODY='{"pong":true}'

# nginx: one worker on CPU 0, the same answer, the same timeouts.
NG_PORT=$(free_port)
mkdir -p "$WORK/ng/logs"
cat >"$WORK/ng/nginx.conf" <<NGX
worker_processes 1;
worker_cpu_affinity 01;
worker_rlimit_nofile $((4 * SLOW + 1000));
daemon off;
pid $WORK/ng/nginx.pid;
error_log $WORK/ng/logs/error.log crit;
events { worker_connections $((2 * SLOW + 500)); }
http {
  access_log off;
  client_header_timeout 30s;
  client_body_timeout 30s;
  server {
    listen 127.0.0.1:$NG_PORT;
    location /ping { default_type application/json; return 200 '$BODY'; }
    # return would answer before the body is in; a proxied request is read whole first.
    location /upload { proxy_pass http://127.0.0.1:$NG_PORT/ping; proxy_method GET; }
  }
}
NGX
taskset -c 0 nginx -p "$WORK/ng" -c "$WORK/ng/nginx.conf" &
NG_MASTER=$!; PIDS+=("$NG_MASTER")

# tollgated: one serve thread on CPU 0.
mkdir -p "$WORK/ws/routes"
cat >"$WORK/ws/tollgate.json" <<JSON
{"schemaVersion": 1, "name": "slow clients",
 "server": {"limits": {"headerTimeoutMs": 30000, "idleTimeoutMs": 30000, "connectionsPerAddress": 0}}}
JSON
for route in "GET /ping" "POST /upload"; do
  read -r method path <<<"$route"
  cat >"$WORK/ws/routes/${method,,}-${path#/}.json" <<JSON
{"schemaVersion": 1, "method": "$method", "path": "$path",
 "responses": [{"status": 200, "body": "{\"pong\":true}"}]}
JSON
done
TG_PORT=$(free_port)
taskset -c 0 "$TOLLGATED" --workspace "$WORK/ws" --port "$TG_PORT" --threads 1 --no-watch \
  --no-metrics >"$WORK/tg.log" 2>&1 &
TG_PID=$!; PIDS+=("$TG_PID")

wait_http "http://127.0.0.1:$NG_PORT/ping"
wait_http "http://127.0.0.1:$TG_PORT/ping"
NG_PID=$(pgrep -P "$NG_MASTER" | head -1)

cat >"$WORK/slow.py" <<'PY'
import socket, statistics, sys, threading, time

port, pid, slow, probes = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

def rss_kib():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

def probe():
    t0 = time.perf_counter()
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.sendall(b"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    s.close()
    ms = (time.perf_counter() - t0) * 1000
    if not data.startswith(b"HTTP/1.1 200") or not data.endswith(b'{"pong":true}'):
        raise SystemExit(f"bad answer: {data[:200]!r}")
    return ms

def probes_ms():
    times = sorted(probe() for _ in range(probes))
    return times

def summary(times):
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return statistics.median(times), p95, times[-1]

class Slow:
    """Connections that sent a prefix and get one more byte a second."""
    def __init__(self, prefix, byte):
        self.socks, self.byte, self.stop = [], byte, threading.Event()
        for _ in range(slow):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(prefix)
            self.socks.append(s)
        self.thread = threading.Thread(target=self.trickle, daemon=True)
        self.thread.start()
    def trickle(self):
        while not self.stop.wait(1.0):
            for s in self.socks:
                try:
                    s.send(self.byte)
                except OSError:
                    pass
    def still_open(self):
        # A server that gave up has answered (408) or closed: readable.
        import select
        n = 0
        for s in self.socks:
            r, _, _ = select.select([s], [], [], 0)
            n += 0 if r else 1
        return n
    def close(self):
        self.stop.set()
        self.thread.join()
        for s in self.socks:
            s.close()

for _ in range(20):
    probe()  # warm
idle_rss = rss_kib()
rows = [("idle", summary(probes_ms()), 0, "-")]
for name, prefix, byte in (
        ("slow headers", b"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", b"a"),
        ("slow bodies", b"POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n", b" ")):
    held = Slow(prefix, byte)
    probe()  # the slow ones were accepted before this one
    times = probes_ms()
    rss = rss_kib()
    still = held.still_open()
    rows.append((name, summary(times), still, f"{(rss - idle_rss) / slow:.1f}"))
    held.close()
for name, (med, p95, mx), still, per in rows:
    print(f"{name}|{med:.2f}|{p95:.2f}|{mx:.2f}|{still}|{per}")
PY

declare -A RESULT
for server in tollgated nginx; do
  if [[ $server == tollgated ]]; then port=$TG_PORT pid=$TG_PID; else port=$NG_PORT pid=$NG_PID; fi
  RESULT[$server]=$(taskset -c 1 python3 "$WORK/slow.py" "$port" "$pid" "$SLOW" "$PROBES")
done

mkdir -p bench/out
{
  echo "| server | phase | median ms | p95 ms | max ms | slow ones still held | RSS KiB per slow connection |"
  echo "|---|---|---|---|---|---|---|"
  for server in tollgated nginx; do
    while IFS='|' read -r phase med p95 mx still per; do
      echo "| $server | $phase | $med | $p95 | $mx | $still | $per |"
    done <<<"${RESULT[$server]}"
  done
} | tee bench/out/slowclients.md

status=0
for server in tollgated nginx; do
  while IFS='|' read -r phase med p95 mx still per; do
    [[ $phase == idle ]] && continue
    verdict=PASS
    python3 -c "import sys; sys.exit(0 if float('$mx') < 100 else 1)" || verdict=FAIL
    (( still == SLOW )) || verdict=FAIL
    echo "$verdict $server, $phase held ($still of $SLOW): a fresh client answered within 100 ms (max $mx ms)"
    [[ $server == tollgated && $verdict == FAIL ]] && status=1
  done <<<"${RESULT[$server]}"
done
exit $status
