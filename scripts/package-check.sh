#!/usr/bin/env bash
# Checks the packaging: validates the desktop entry and the AppStream metainfo and,
# given a configured and built build directory, builds the .deb with CPack, shows
# its control data, unpacks it into a temporary root (dpkg -x: nothing is installed
# on this system) and runs the unpacked tollgated --version.
#
# Usage: scripts/package-check.sh [BUILD_DIR]     e.g. build/release
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pkg="$repo/packaging"
app_id=io.tollgate.Tollgate

log() { printf '[package-check] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for tool in desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install desktop-file-utils appstream)"
done

log "desktop-file-validate $app_id.desktop"
desktop-file-validate "$pkg/$app_id.desktop"
log "appstreamcli validate --no-net $app_id.metainfo.xml"
appstreamcli validate --no-net "$pkg/$app_id.metainfo.xml"
if command -v xmllint >/dev/null; then
  xmllint --noout "$pkg/$app_id.svg" "$repo/resources/icons/tollgate.svg"
fi
cmp -s "$pkg/$app_id.svg" "$repo/resources/icons/tollgate.svg" \
  || die "resources/icons/tollgate.svg differs from packaging/$app_id.svg"

(($# > 0)) || { log "metadata OK (pass a build directory to check the .deb too)"; exit 0; }

build=$(realpath -e "$1") || die "no build directory $1"
[[ -f "$build/CPackConfig.cmake" ]] || die "$build has no CPackConfig.cmake: configure and build it first"
for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

log "cpack -G DEB in $build"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1 \
  || { cat "$tmp/cpack.log" >&2; die "cpack failed"; }
debs=("$tmp/out"/*.deb)
if ((${#debs[@]} != 1)) || [[ ! -f "${debs[0]}" ]]; then
  die "expected one .deb, got: ${debs[*]}"
fi
deb=${debs[0]}
mkdir -p "$build/packages"
cp "$deb" "$build/packages/"
log "built $build/packages/$(basename "$deb")"

dpkg-deb -I "$deb"
dpkg-deb -c "$deb" | awk '{ print "  " $NF }'
depends=$(dpkg-deb -f "$deb" Depends)
[[ -n "$depends" ]] || die "the package has no Depends: did dpkg-shlibdeps run?"

root="$tmp/root"
dpkg -x "$deb" "$root"
expect=(usr/bin/tollgated)
if [[ -e "$root/usr/bin/tollgate" ]]; then
  expect+=(
    "usr/share/applications/$app_id.desktop"
    "usr/share/metainfo/$app_id.metainfo.xml"
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
  )
fi
for f in "${expect[@]}"; do
  [[ -e "$root/$f" ]] || die "the package lacks /$f"
done
if [[ -e "$root/usr/share/applications/$app_id.desktop" ]]; then
  desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
  appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml"
fi

version=$(dpkg-deb -f "$deb" Version)
log "$root/usr/bin/tollgated --version"
out=$("$root/usr/bin/tollgated" --version </dev/null) || die "tollgated --version failed"
printf '  %s\n' "$out"
[[ "$out" == *"${version%%-*}"* ]] || die "tollgated --version does not report the package version $version"
log "package OK: $(basename "$deb"), Depends: $depends"
