#!/usr/bin/env bash
# HTTPS benchmark: tollgated against nginx serving the same bytes from the same
# certificate, in the same run.
#
#   bash bench/https.sh [--duration SECONDS] [--rounds N] [--connections N] [--burst N]
#
# 1. Keep-alive: wrk -t1 -c64 over TLS against the demo's GET /health (the
#    handshakes happen once per connection; what is measured is requests/s
#    through TLS records).
# 2. New TLS handshakes: h2load --h1 -n B -c B, again and again for the
#    duration: B clients at a time, each on a connection of its own with a
#    full handshake and one request, then gone. Each h2load client has an SSL
#    object of its own and offers no session, so neither server resumes one
#    (nginx's $ssl_session_reused: none of 10,000). wrk with
#    'Connection: close' and h2load with -H 'Connection: close' do reconnect,
#    but resume the previous connection's session (all but the first of each
#    connection slot), which would measure resumption instead.
#
# One ECDSA P-256 certificate for 127.0.0.1 and localhost, made here with the
# openssl CLI, serves both. tollgated runs --threads 2, nginx
# worker_processes 2 (access log off); the load generator shares the machine's
# cores with them (not pinned). Everything listens on 127.0.0.1 and is stopped
# at the end. The peers take turns, the order flipped every round; each round's
# ratios are taken on their own and the medians are the result. Server CPU per
# request (per handshake) is the server's user + system time over the run
# (nginx: its workers'). Targets: tollgated >= 0.7x nginx on both figures.
# Results go to bench/out/https.md. TOLLGATED=PATH uses that binary instead of
# building the release preset.
set -euo pipefail
CALLER_DIR=$PWD
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=10
ROUNDS=6
CONNS=64
BURST=128
while (($#)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --connections) CONNS=$2; shift 2 ;;
    --burst) BURST=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
((ROUNDS >= 1)) || { echo "--rounds must be at least 1" >&2; exit 2; }

if [[ -z ${TOLLGATED:-} ]]; then
  TOLLGATE_BENCH=1 bash scripts/install-deps.sh
  cmake --preset release >/dev/null
  cmake --build --preset release --target tollgated -j 2 >/dev/null
  TOLLGATED=$ROOT/build/release/app/tollgated
else
  [[ $TOLLGATED == /* ]] || TOLLGATED=$CALLER_DIR/$TOLLGATED
fi
"$TOLLGATED" --version | grep -q '^tollgated ' || { echo "$TOLLGATED is not tollgated" >&2; exit 2; }
for tool in wrk h2load nginx openssl curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (TOLLGATE_BENCH=1 bash scripts/install-deps.sh)" >&2; exit 1; }
done

source bench/lib/peers.sh
bench_workdir https
[[ -n ${BENCH_DEBUG:-} ]] && set -x
cpu_ticks() { # PID... : user + system ticks of them all
  local p sum=0
  for p in "$@"; do sum=$((sum + $(awk '{print $14+$15}' "/proc/$p/stat"))); done
  echo "$sum"
}
TICKS=$(getconf CLK_TCK)

# wait_https URL: returns when URL answers 2xx over TLS with the bench's certificate.
wait_https() {
  for _ in $(seq 1 200); do
    if curl -fsS --cacert "$WORK/tls/cert.pem" -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "server at $1 did not come up" >&2; return 1
}

# One certificate for both: ECDSA P-256, self-signed, for 127.0.0.1 and localhost.
mkdir -p "$WORK/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 \
  -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" -subj /CN=localhost \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -addext "basicConstraints=critical,CA:FALSE" \
  -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=serverAuth" 2>/dev/null
chmod 644 "$WORK/tls/cert.pem" "$WORK/tls/key.pem" # nginx's workers run as nobody

# The demo workspace and the bytes of its GET /health, as bench/run.sh serves them.
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

TG_PORT=$(free_port)
"$TOLLGATED" --workspace "$WORK/ws" --port "$TG_PORT" --threads 2 --no-watch --no-metrics \
  --state-dir "$WORK/state" --tls-cert "$WORK/tls/cert.pem" --tls-key "$WORK/tls/key.pem" \
  >"$WORK/tg.log" 2>&1 &
TG_PID=$!; PIDS+=("$TG_PID")

# nginx: two workers, the same bytes from the config (its fastest path), the
# same certificate, TLS versions and session settings as tollgated's context
# (server cipher preference, tickets on, a session cache), access log off.
NG_PORT=$(free_port)
mkdir -p "$WORK/nginx/logs"
chmod 755 "$WORK" "$WORK/nginx" "$WORK/tls"
NG_BODY=${BODY//\\/\\\\}
NG_BODY=${NG_BODY//\'/\\\'}
cat >"$WORK/nginx/nginx.conf" <<NGX
worker_processes 2;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NG_PORT ssl backlog=4096;
    ssl_certificate $WORK/tls/cert.pem;
    ssl_certificate_key $WORK/tls/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    ssl_session_cache shared:TLS:10m;
    ssl_session_tickets on;
    location = /health { default_type application/json; return 200 '$NG_BODY'; }
  }
}
NGX
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NG_MASTER=$!; PIDS+=("$NG_MASTER")

TG_URL="https://127.0.0.1:$TG_PORT/health"
NG_URL="https://127.0.0.1:$NG_PORT/health"
wait_https "$TG_URL"
wait_https "$NG_URL"
grep -q "listening on https://" "$WORK/tg.log" || { echo "tollgated does not serve HTTPS" >&2; exit 1; }
mapfile -t NG_WORKERS < <(pgrep -P "$NG_MASTER")
((${#NG_WORKERS[@]} == 2)) || { echo "nginx has ${#NG_WORKERS[@]} workers, not 2" >&2; exit 1; }
cmp <(curl -sS --cacert "$WORK/tls/cert.pem" "$TG_URL") <(curl -sS --cacert "$WORK/tls/cert.pem" "$NG_URL") \
  || { echo "tollgated and nginx bodies differ" >&2; exit 1; }

# What each one negotiates with a default OpenSSL client: the same protocol,
# cipher and key exchange, or the comparison is off.
negotiated() {
  openssl s_client -connect "127.0.0.1:$1" -servername localhost -alpn http/1.1 </dev/null 2>/dev/null \
    | awk -F': *' '/^(New|Protocol|Cipher|Server Temp Key|ALPN protocol)/{printf "%s; ", $0} END{print ""}'
}
TG_TLS=$(negotiated "$TG_PORT")
NG_TLS=$(negotiated "$NG_PORT")
echo "tollgated: $TG_TLS"
echo "nginx:     $NG_TLS"
[[ $TG_TLS == "$NG_TLS" ]] || echo "warning: the two negotiate differently" >&2

# keepalive NAME URL PIDS...: wrk over TLS; sets VAL (req/s) and CPUV (µs per request).
keepalive() {
  local name=$1 url=$2 t0 t1 out total errs
  shift 2
  t0=$(cpu_ticks "$@")
  out=$(wrk -t1 -c"$CONNS" -d"${DURATION}s" "$url")
  t1=$(cpu_ticks "$@")
  VAL=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  total=$(awk '/requests in/{print $1}' <<<"$out")
  errs=$(awk '/Non-2xx|Socket errors/{print}' <<<"$out")
  [[ -z $errs ]] || echo "$name keep-alive: $errs" >&2
  CPUV=$(python3 -c "print(round(($t1-$t0)/$TICKS*1e6/max(1,$total),2))")
}

# handshakes NAME URL PIDS...: bursts of BURST clients, each a new connection,
# a full handshake and one request, for DURATION seconds; sets VAL
# (handshakes/s over the time h2load reports) and CPUV (µs per handshake).
handshakes() {
  local name=$1 url=$2 t0 t1 out count=0 failed=0 ms=0 end n f t
  shift 2
  t0=$(cpu_ticks "$@")
  end=$((SECONDS + DURATION))
  while ((SECONDS < end)); do
    out=$(h2load --h1 -t1 -n "$BURST" -c "$BURST" "$url")
    n=$(awk '/^status codes:/{print $3}' <<<"$out") # 2xx answers
    t=$(awk '/^finished in/{v=$3; sub(/,$/,"",v); if (v ~ /ms$/) {sub(/ms$/,"",v); print v} else {sub(/s$/,"",v); print v*1000}}' <<<"$out")
    [[ -n $n && -n $t ]] || { echo "$name handshakes: h2load said: $out" >&2; exit 1; }
    f=$((BURST - n))
    count=$((count + n))
    failed=$((failed + f))
    ms=$(python3 -c "print($ms + $t)")
  done
  t1=$(cpu_ticks "$@")
  ((failed == 0)) || echo "$name handshakes: $failed of the requests got no 2xx answer" >&2
  VAL=$(python3 -c "print(round($count / ($ms / 1000)))")
  CPUV=$(python3 -c "print(round(($t1-$t0)/$TICKS*1e6/max(1,$count),1))")
}

declare -A RES
LOAD_BEFORE=$(cut -d" " -f1-3 /proc/loadavg)
for ((r = 1; r <= ROUNDS; r++)); do
  order=(tollgated nginx)
  ((r % 2)) || order=(nginx tollgated)
  for kind in keepalive handshakes; do
    for peer in "${order[@]}"; do
      if [[ $peer == tollgated ]]; then
        "$kind" "$peer" "$TG_URL" "$TG_PID"
      else
        "$kind" "$peer" "$NG_URL" "${NG_WORKERS[@]}"
      fi
      RES[$r/$kind/$peer]="$VAL $CPUV"
      printf 'round %d (%s first) %-10s %-10s %10s/s  %8s µs server CPU each\n' \
        "$r" "${order[0]}" "$kind" "$peer" "$VAL" "$CPUV"
    done
  done
done

mkdir -p bench/out
ARGS=()
for ((r = 1; r <= ROUNDS; r++)); do
  ARGS+=("$r" "${RES[$r/keepalive/tollgated]}" "${RES[$r/keepalive/nginx]}" \
    "${RES[$r/handshakes/tollgated]}" "${RES[$r/handshakes/nginx]}")
done
RC=0
python3 - "$DURATION" "$CONNS" "$BURST" "$(nproc)" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)" \
  "$TG_TLS" "${ARGS[@]}" <<'PY' | tee bench/out/https.md || RC=$?
import statistics as st, sys
dur, conns, burst, cores, load0, load1, tls = sys.argv[1:8]
rest = sys.argv[8:]
rounds = []
for i in range(0, len(rest), 5):
    kt, kn, ht, hn = (tuple(map(float, v.split())) for v in rest[i + 1:i + 5])
    rounds.append((rest[i], kt, kn, ht, hn))
print(f"tollgated --threads 2 and nginx worker_processes 2, the clients on the same {cores} cores, "
      f"load average {load0} before and {load1} after.")
print(f"Negotiated with both: {tls.strip().rstrip(';')}.")
print()
print("| round | first | measure | tollgated | nginx | tollgated/nginx | server CPU µs each: tollgated | nginx |")
print("|---|---|---|---:|---:|---:|---:|---:|")
ratios = {"k": [], "h": [], "kc": [], "hc": []}
for i, (r, kt, kn, ht, hn) in enumerate(rounds):
    first = "tollgated" if i % 2 == 0 else "nginx"
    for key, what, t, n in (("k", "keep-alive req/s", kt, kn), ("h", "new handshakes/s", ht, hn)):
        ratios[key].append(t[0] / n[0])
        ratios[key + "c"].append(t[1] / n[1])
        print(f"| {r} | {first} | {what} | {t[0]:,.0f} | {n[0]:,.0f} | {t[0] / n[0]:.2f} | {t[1]:.1f} | {n[1]:.1f} |")
med = st.median
print()
print(f"Keep-alive (wrk -t1 -c{conns}, {dur} s): median ratio {med(ratios['k']):.2f} "
      f"(rounds {min(ratios['k']):.2f}-{max(ratios['k']):.2f}); server CPU per request "
      f"{med([x[1][1] for x in rounds]):.1f} vs {med([x[2][1] for x in rounds]):.1f} µs, "
      f"median ratio {med(ratios['kc']):.2f}.")
print(f"New TLS handshakes (h2load --h1, bursts of {burst} new connections, one request each, {dur} s): "
      f"median ratio {med(ratios['h']):.2f} (rounds {min(ratios['h']):.2f}-{max(ratios['h']):.2f}); "
      f"server CPU per handshake {med([x[3][1] for x in rounds]):.0f} vs {med([x[4][1] for x in rounds]):.0f} µs, "
      f"median ratio {med(ratios['hc']):.2f}.")
ok = True
for name, key in (("HTTPS keep-alive requests/s", "k"), ("new TLS handshakes/s", "h")):
    m = med(ratios[key])
    ok = ok and m >= 0.7
    print(("PASS " if m >= 0.7 else "FAIL ") + f"{name}: tollgated >= 0.7x nginx ({m:.2f}x)")
sys.exit(0 if ok else 1)
PY
exit "$RC"
