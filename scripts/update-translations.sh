#!/usr/bin/env bash
# Regenerates translations/*.ts from the sources (lupdate), keeping the
# translation of every string that only moved to another class (its context
# changed), then drops the messages no source has any more.
#
#   bash scripts/update-translations.sh [BUILD_DIR]   (default build/dev, configured)
#
# tollgate_de.ts holds every string; tollgate_en.ts only the plural forms of
# English ("%n route(s)"), maintained with lupdate -pluralonly. Exits non-zero
# when a string is left without a translation.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/dev}
lupdate=$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)
sources=(ui app/gui app/screenshot)
status=0

# German: the CMake target knows the sources; lupdate keeps moved strings as vanished.
cmake --build "$build" --target update_translations >/dev/null
python3 scripts/carry-translations.py translations/tollgate_de.ts || status=1

# English plural forms only.
existing=()
for s in "${sources[@]}"; do [[ -d $s ]] && existing+=("$s"); done
"$lupdate" -silent -pluralonly -locations relative -I . "${existing[@]}" -ts translations/tollgate_en.ts
python3 scripts/carry-translations.py translations/tollgate_en.ts || status=1

# Normalise and drop what no source has any more.
"$lupdate" -silent -no-obsolete -project "$build/ui/.lupdate/tollgate_ui_project.json"
"$lupdate" -silent -no-obsolete -pluralonly -locations relative -I . "${existing[@]}" \
  -ts translations/tollgate_en.ts
exit $status
