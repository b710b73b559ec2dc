# shellcheck shell=bash
# Helpers for the benchmark scripts that start servers on loopback. Sourced.

# free_port: a TCP port on 127.0.0.1 that nothing listens on now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_http URL: returns when URL answers 2xx (10 s at most, then fails).
wait_http() {
  for _ in $(seq 1 200); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "server at $1 did not come up" >&2; return 1
}

# bench_workdir NAME: a fresh $WORK (/tmp/tollgate-NAME.XXXXXX) and an empty
# $PIDS; at exit the processes in PIDS are stopped and WORK is removed (kept
# with BENCH_KEEP=1).
bench_workdir() {
  WORK=$(mktemp -d "/tmp/tollgate-$1.XXXXXX")
  PIDS=()
  trap bench_cleanup EXIT
}
bench_cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -n ${BENCH_KEEP:-} ]] || rm -rf "$WORK"
}
