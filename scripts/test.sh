#!/usr/bin/env bash
# The README's test command: installs the build dependencies (Debian 12/13), then
# configures, builds and tests the `dev` preset (build/dev). Exits non-zero on the
# first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TOLLGATE_TESTS=1 bash scripts/install-deps.sh
# Let ccache share objects between clones in different folders (CI clones anew).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset dev
cmake --build --preset dev -j 2
# UI tests render without a display server.
export QT_QPA_PLATFORM=offscreen
ctest --preset dev -j2 --output-on-failure --no-tests=error
