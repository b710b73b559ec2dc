#!/usr/bin/env bash
# Serving benchmark: wrk against tollgated (demo /health), nginx returning the
# same bytes, and Mockoon CLI with the same route. Servers are pinned to CPU 0,
# wrk to CPU 1; everything listens on 127.0.0.1 and is stopped at the end.
#
#   bash bench/run.sh [--duration SECONDS] [--skip-mockoon] [--baseline PATH [--rounds N]]
#
# Prints requests/s, server CPU µs per request, peak RSS, and the ratios the
# targets are stated in. Results go to bench/out/serve.md as well.
#
# --baseline PATH (a tollgated binary) then runs N paired rounds (default 6) of
# the current build and PATH, alone on CPU 0 and in turns, at 64 connections:
# req/s ratio current/baseline per round, PASS if the median is >= 0.97
# (bench/lib/paired.sh). The table is appended to bench/out/serve.md.
set -euo pipefail
CALLER_DIR=$PWD
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=10
SKIP_MOCKOON=0
BASELINE=""
ROUNDS=6
while (($#)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --skip-mockoon) SKIP_MOCKOON=1; shift ;;
    --baseline) BASELINE=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
source bench/lib/paired.sh
[[ -z $BASELINE ]] || BASELINE=$(pair_resolve "$BASELINE" "$CALLER_DIR")

TOLLGATE_BENCH=1 bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tollgated -j 2 >/dev/null
TOLLGATED=$ROOT/build/release/app/tollgated

if [[ $SKIP_MOCKOON == 0 && ! -x bench/node_modules/.bin/mockoon-cli ]]; then
  (cd bench && npm install --no-audit --no-fund >/dev/null)
fi

WORK=$(mktemp -d /tmp/tollgate-bench.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  pair_cleanup
  wait 2>/dev/null || true
  [[ -n ${BENCH_KEEP:-} ]] || rm -rf "$WORK"
}
trap cleanup EXIT
[[ -n ${BENCH_DEBUG:-} ]] && set -x

source bench/lib/peers.sh
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
peak_rss_kb() { awk '/VmHWM/{print $2}' "/proc/$1/status"; }
TICKS=$(getconf CLK_TCK)

cp -r resources/demo "$WORK/ws"
BODY=$(python3 - "$WORK/ws" <<'PY'
import json,sys,glob
for f in glob.glob(sys.argv[1]+"/routes/*.json"):
    r=json.load(open(f))
    if r["method"]=="GET" and r["path"]=="/health":
        print(r["responses"][0]["body"], end="")
PY
)
[[ -n $BODY ]] || { echo "demo workspace has no GET /health route" >&2; exit 1; }

# tollgated, one worker thread on CPU 0.
TG_PORT=$(free_port)
taskset -c 0 "$TOLLGATED" --workspace "$WORK/ws" --port "$TG_PORT" --threads 1 --no-watch >"$WORK/tg.log" 2>&1 &
TG_PID=$!; PIDS+=("$TG_PID")

# nginx, one worker on CPU 0, same bytes.
NG_PORT=$(free_port)
mkdir -p "$WORK/nginx/logs"
# nginx's fastest path: the body straight from the config, no file to open.
NG_BODY=${BODY//\\/\\\\}
NG_BODY=${NG_BODY//\'/\\\'}
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
    location = /health { default_type application/json; return 200 '$NG_BODY'; }
  }
}
NGX
taskset -c 0 nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NG_MASTER=$!; PIDS+=("$NG_MASTER")

MO_PORT=""
if [[ $SKIP_MOCKOON == 0 ]]; then
  MO_PORT=$(free_port)
  python3 - "$WORK/mockoon.json" "$MO_PORT" "$BODY" <<'PY'
import json,sys,uuid
path,port,body=sys.argv[1],int(sys.argv[2]),sys.argv[3]
rid=str(uuid.uuid4())
env={"uuid":str(uuid.uuid4()),"lastMigration":32,"name":"bench","endpointPrefix":"","latency":0,
 "port":port,"hostname":"127.0.0.1","folders":[],
 "routes":[{"uuid":rid,"type":"http","documentation":"","method":"get","endpoint":"health",
   "responses":[{"uuid":str(uuid.uuid4()),"body":body,"latency":0,"statusCode":200,"label":"",
     "headers":[{"key":"Content-Type","value":"application/json"}],"bodyType":"INLINE","filePath":"",
     "databucketID":"","sendFileAsBody":False,"rules":[],"rulesOperator":"OR","disableTemplating":True,
     "fallbackTo404":False,"default":True,"crudKey":"id","callbacks":[]}],
   "responseMode":None,"streamingMode":None,"streamingInterval":0}],
 "rootChildren":[{"type":"route","uuid":rid}],"proxyMode":False,"proxyHost":"","proxyRemovePrefix":False,
 "tlsOptions":{"enabled":False,"type":"CERT","pfxPath":"","certPath":"","keyPath":"","caPath":"","passphrase":""},
 "cors":False,"headers":[],"proxyReqHeaders":[],"proxyResHeaders":[],"data":[],"callbacks":[]}
json.dump(env,open(path,"w"))
PY
  taskset -c 0 node bench/node_modules/@mockoon/cli/bin/run.js start --data "$WORK/mockoon.json" \
    --disable-log-to-file >"$WORK/mockoon.log" 2>&1 &
  PIDS+=("$!")
fi

wait_http "http://127.0.0.1:$TG_PORT/health"
wait_http "http://127.0.0.1:$NG_PORT/health"
[[ -n $MO_PORT ]] && wait_http "http://127.0.0.1:$MO_PORT/health"
NG_PID=$(pgrep -P "$NG_MASTER" | head -1)
MO_PID=""
[[ -n $MO_PORT ]] && MO_PID=$(pgrep -f "mockoon.json" | head -1)

cmp <(curl -s "http://127.0.0.1:$TG_PORT/health") <(curl -s "http://127.0.0.1:$NG_PORT/health") \
  || { echo "tollgated and nginx bodies differ" >&2; exit 1; }

declare -A RPS CPU
run() { # name pid port conns
  local name=$1 pid=$2 port=$3 conns=$4 t0 t1 out rps
  t0=$(cpu_ticks "$pid")
  out=$(taskset -c 1 wrk -t1 -c"$conns" -d"${DURATION}s" "http://127.0.0.1:$port/health")
  t1=$(cpu_ticks "$pid")
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  local total; total=$(awk '/requests in/{print $1}' <<<"$out")
  local errs; errs=$(awk '/Non-2xx|Socket errors/{print}' <<<"$out")
  RPS[$name/$conns]=$rps
  CPU[$name/$conns]=$(python3 -c "print(round(($t1-$t0)/$TICKS*1e6/max(1,$total),2))")
  printf '%-10s c=%-4s %12s req/s  %8s µs CPU/req  %s\n' "$name" "$conns" "$rps" "${CPU[$name/$conns]}" "$errs"
}

for c in 64 256; do
  run tollgated "$TG_PID" "$TG_PORT" "$c"
  run nginx "$NG_PID" "$NG_PORT" "$c"
  [[ -n $MO_PID ]] && run mockoon "$MO_PID" "$MO_PORT" "$c"
done
TG_RSS=$(peak_rss_kb "$TG_PID")

mkdir -p bench/out
{
  echo "| connections | tollgated req/s | nginx req/s | mockoon req/s | tollgated/nginx | tollgated/mockoon |"
  echo "|---|---|---|---|---|---|"
  for c in 64 256; do
    mo=${RPS[mockoon/$c]:-0}
    python3 - "$c" "${RPS[tollgated/$c]}" "${RPS[nginx/$c]}" "$mo" <<'PY'
import sys
c,t,n,m=sys.argv[1],float(sys.argv[2]),float(sys.argv[3]),float(sys.argv[4])
rm=f"{t/m:.1f}x" if m>0 else "n/a"
print(f"| {c} | {t:,.0f} | {n:,.0f} | {m:,.0f} | {t/n:.2f}x | {rm} |")
PY
  done
  echo
  echo "CPU per request (µs): tollgated ${CPU[tollgated/64]} / nginx ${CPU[nginx/64]} at 64 connections."
  echo "tollgated peak RSS during the run: $((TG_RSS / 1024)) MiB."
} | tee bench/out/serve.md

RC=0
python3 - "${RPS[tollgated/64]}" "${RPS[nginx/64]}" "${RPS[mockoon/64]:-0}" "$TG_RSS" <<'PY' || RC=$?
import sys
t,n,m,rss=map(float,sys.argv[1:])
ok=True
def check(name,cond):
    global ok
    print(("PASS " if cond else "FAIL ")+name); ok=ok and cond
check(f"tollgated >= 0.75x nginx ({t/n:.2f}x)", t>=0.75*n)
if m>0: check(f"tollgated >= 40x mockoon ({t/m:.1f}x)", t>=40*m)
check(f"tollgated RSS < 30 MB ({rss/1024:.1f} MiB)", rss<30*1024)
sys.exit(0 if ok else 1)
PY
[[ -n $BASELINE ]] || exit "$RC"

# Paired with --baseline: each measurement gets a fresh server of the build
# under test (the same workspace, an empty state directory), alone on CPU 0.
serve_once() { # build binary
  local build=$1 bin=$2 port t0 t1 out total rps errs
  port=$(free_port)
  rm -rf "$WORK/state"
  pair_start "tg-$build" "http://127.0.0.1:$port/health" "$bin" --workspace "$WORK/ws" \
    --port "$port" --threads 1 --no-watch --state-dir "$WORK/state"
  t0=$(cpu_ticks "$PAIR_PID")
  out=$(taskset -c 1 wrk -t1 -c64 -d"${DURATION}s" "http://127.0.0.1:$port/health")
  t1=$(cpu_ticks "$PAIR_PID")
  pair_stop
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  total=$(awk '/requests in/{print $1}' <<<"$out")
  errs=$(awk '/Non-2xx|Socket errors/{print}' <<<"$out")
  [[ -z $errs ]] || echo "$build: $errs"
  PAIR_VALUES="$rps $(python3 -c "print(($t1-$t0)/$TICKS*1e6/max(1,$total))")"
}
# The peers are stopped first: the paired rounds have CPU 0 to themselves.
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
PIDS=()
PAIR_SPEC=("req/s:higher:,.0f" "CPU µs/request:lower:.2f")
pair_rounds serve_once
pair_report bench/out/serve.md "tollgated --threads 1 on CPU 0 serving the demo's GET /health, \
wrk -t1 -c64 on CPU 1" || RC=1
exit "$RC"
