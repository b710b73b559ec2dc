#!/usr/bin/env bash
# Builds the `release` preset (build/release) and starts the workbench, which opens
# the demo workspace by default. Arguments are passed on to tollgate. Without a
# display it runs under a virtual X server (xvfb-run), e.g. for screenshots.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j 2

app=build/release/app/tollgate
if [[ -z "${DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
  echo "run.sh: no \$DISPLAY set; running tollgate under xvfb-run -a (nothing will show on screen)" >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$app" "$@"
fi
exec "$app" "$@"
