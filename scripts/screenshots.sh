#!/usr/bin/env bash
# Takes the documentation's screenshots with tollgate-screenshot under Xvfb,
# each on a fresh copy of the demo workspace and with settings in a scratch
# directory (the user's own are never touched):
#   bash scripts/screenshots.sh [OUT_DIR] [NAME...]
# OUT_DIR defaults to docs/screenshots; NAMEs pick some of main-window,
# main-window-dark, upstream-tab, route-sse, route-websocket, composer,
# composer-stream, composer-websocket, composer-https, runner, metrics, load,
# import-preview, export-preview (the default: all of these) and keys-tiers
# (only when named: docs/screenshots/keys-tiers.png shows keys with a month of
# usage that the demo workspace does not have), tiers-tokens and metrics-tokens
# (only when named: the demo's tiers with their token terms, and the Metrics
# page after the metrics picture's traffic, whose POST /generate answers count
# tokens, for its token charts). The metrics picture takes about
# a minute, the load one about 15 s; upstream-tab adds a route to the demo that
# another of its routes answers (a loopback upstream); route-sse adds one that
# streams a job's progress as Server-Sent Events, shown on its Stream tab;
# route-websocket shows the demo's WebSocket route GET /v1/live on its
# WebSocket tab (added when the workspace has none);
# import-preview is the File ▸ Import preview of the tests' bookshop OpenAPI
# document over the demo; export-preview the File ▸ Export preview of the demo
# as a FastAPI project; composer-stream the Requests page while the demo's
# POST /v1/chat/completions streams its answer token by token;
# composer-websocket the Requests page in a WebSocket session with a job feed
# that tollgate-screenshot serves itself (QWebSocketServer on loopback);
# composer-https the composer picture with the server on HTTPS (the local CA
# made in the scratch data folder); runner the Run Requests window after the
# demo's users folder ran once per row of a data file whose last user is
# missing.
# HOME is the scratch directory, so the paths the dialogs show read
# "~/specs/...", "~/builder-api-fastapi", not this machine's.
# TOLLGATE_BUILD_DIR picks another build than build/release (which is
# configured and built here).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${1:-docs/screenshots}
shift $(($# > 0 ? 1 : 0))
BUILD=${TOLLGATE_BUILD_DIR:-build/release}
if [[ $BUILD == build/release ]]; then
  bash scripts/install-deps.sh
  cmake --preset release >/dev/null
fi
cmake --build "$BUILD" --target tollgate-screenshot -j 2 >/dev/null
WORK=$(mktemp -d /tmp/tollgate-shots.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# shot NAME PAGE [tollgate-screenshot options...]
shot() {
  local name=$1 page=$2
  shift 2
  if [[ " ${wanted[*]} " != *" $name "* ]]; then return; fi
  rm -rf "$WORK/ws" "$WORK/config" "$WORK/data"
  cp -r resources/demo "$WORK/ws"
  rm -rf "$WORK/ws/.tollgate"
  HOME=$WORK XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data TOLLGATE_NO_KEYCHAIN=1 \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$BUILD/app/tollgate-screenshot" \
    --workspace "$WORK/ws" --page "$page" --screenshot "$OUT/$name.png" "$@"
}
wanted=("$@")
((${#wanted[@]} > 0)) \
  || wanted=(main-window main-window-dark upstream-tab route-sse route-websocket composer
    composer-stream composer-websocket composer-https runner metrics load import-preview
    export-preview)
shot main-window routes
shot main-window-dark routes --theme dark
shot upstream-tab upstream
shot route-sse sse
shot route-websocket route-websocket
shot keys-tiers keys
shot tiers-tokens keys
shot composer requests
shot composer-stream stream
shot composer-websocket websocket
shot composer-https requests --https
shot runner runner
shot metrics metrics
shot metrics-tokens metrics
shot load load
mkdir -p "$WORK/specs"
cp tests/data/import/openapi/bookshop-*.yaml "$WORK/specs/"
shot import-preview routes --import "$WORK/specs/bookshop-3.1.yaml"
shot export-preview routes --export fastapi
