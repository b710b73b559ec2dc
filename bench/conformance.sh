#!/usr/bin/env bash
# HTTP/1.1 conformance, Tollgate against nginx: every case of
# tests/data/conformance/cases.json (RFC 9110 / RFC 9112 request-line forms,
# Host rules, field syntax, Content-Length and Transfer-Encoding, chunked
# bodies, pipelining, limits) runs against the engine and against nginx
# serving the same three routes on loopback, through tst_conformance's peer
# mode. Prints how many cases each server answers as the RFC-based
# expectations say, and every case where the two differ; the table also goes
# to bench/out/conformance.md (docs/benchmarks.md records it).
#
#   bash bench/conformance.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

[[ -n ${BENCH_NO_BUILD:-} ]] || TOLLGATE_TESTS=1 TOLLGATE_BENCH=1 bash scripts/install-deps.sh
if [[ -z ${BENCH_NO_BUILD:-} ]]; then
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
  cmake --preset dev >/dev/null
  cmake --build --preset dev --target integration_tst_conformance -j 2 >/dev/null
fi
RUNNER=$ROOT/build/dev/tests/integration/integration_tst_conformance

WORK=$(mktemp -d /tmp/tollgate-conformance.XXXXXX)
NGINX_PID=""
cleanup() {
  [[ -z $NGINX_PID ]] || kill "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/logs"
# The cases' server: GET / and GET /ok, POST /echo with a 1 KiB body limit
# (nginx cannot echo a body: bodies are compared for Tollgate only).
cat >"$WORK/nginx.conf" <<NGX
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log crit;
events { worker_connections 256; }
http {
  access_log off;
  default_type text/plain;
  client_body_temp_path $WORK/body;
  server {
    listen 127.0.0.1:$PORT;
    client_max_body_size 1k;
    location = / { if (\$request_method !~ ^(GET|HEAD)\$) { return 405; } return 200 "root"; }
    location = /ok { if (\$request_method !~ ^(GET|HEAD)\$) { return 405; } return 200 "ok"; }
    location = /echo { if (\$request_method != POST) { return 405; } return 200 "echo"; }
  }
}
NGX
nginx -p "$WORK" -c "$WORK/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 1 200); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/ok" 2>/dev/null && break
  sleep 0.05
done
NGINX_VERSION=$(nginx -v 2>&1 | sed 's/^nginx version: //')

TOLLGATE_CONFORMANCE_PEER=$PORT TOLLGATE_CONFORMANCE_REPORT=$WORK/report.json "$RUNNER"
mkdir -p bench/out
python3 - "$WORK/report.json" "$NGINX_VERSION" bench/out/conformance.md <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
peer = sys.argv[2]
def shown(o):
    s = " ".join(str(x) for x in o["statuses"]) or "none"
    return f"{s}, {'closed' if o['closed'] else 'open'}"
def matches(r, o):
    return o["statuses"] == r["expect"] and o["closed"] == r["close"] and "detail" not in o
ours = sum(1 for r in rows if r["tollgateMatches"])
theirs = sum(1 for r in rows if matches(r, r["peer"]))
diff = [r for r in rows if (r["tollgate"]["statuses"], r["tollgate"]["closed"]) != (r["peer"]["statuses"], r["peer"]["closed"])]
out = [f"{len(rows)} cases. As expected (status and connection): Tollgate {ours}, {peer} {theirs}.",
       f"They differ in {len(diff)} cases:", "",
       "| case | RFC | level | expected | Tollgate | nginx |", "|---|---|---|---|---|---|"]
for r in diff:
    exp = (" ".join(str(x) for x in r["expect"]) or "none") + (", closed" if r["close"] else ", open")
    out.append(f"| {r['id']} | {r['ref']} | {r['level']} | {exp} | {shown(r['tollgate'])} | {shown(r['peer'])} |")
text = "\n".join(out) + "\n"
open(sys.argv[3], "w").write(text)
print(text)
PY
