#!/usr/bin/env bash
# Import benchmark: a generated OpenAPI 3.1 spec with 2,000 operations (1,000
# paths, $ref chains, allOf, enums, nested arrays; some responses with examples,
# most generated from their schemas) imported by `tollgated import` into a new
# workspace, in YAML and in JSON. The target: under 2 s on this machine. As a
# peer for scale, Python's YAML and JSON parsers read the same files (parsing
# only, none of the import).
#
#   bash bench/import.sh [--operations N] [--rounds N]
#
# Prints the median wall time of each; results go to bench/out/import.md too.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OPERATIONS=2000
ROUNDS=5
while (($#)); do
  case "$1" in
    --operations) OPERATIONS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

TOLLGATE_BENCH=1 bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tollgated -j 2 >/dev/null
TOLLGATED=$ROOT/build/release/app/tollgated

WORK=$(mktemp -d /tmp/tollgate-import.XXXXXX)
# The workspaces go to a new ext4 file system of their own when we may mount
# one (root): each import creates 4,000 files, and on a disk where many files
# were deleted in the last minutes (a build, an earlier round of this
# benchmark) ext4's inode allocator walks past every recently freed inode on
# every create (recently_deleted() in find_inode_bit), which made the system
# time of one import swing from 0.2 to 2 s. A user's import does not follow
# the deletion of 40,000 files; a fresh file system measures Tollgate.
OUT=$WORK
cleanup() {
  if mountpoint -q "$WORK/fs" 2>/dev/null; then umount "$WORK/fs"; fi
  [[ -n ${BENCH_KEEP:-} ]] || rm -rf "$WORK"
}
trap cleanup EXIT
if [[ $(id -u) -eq 0 ]] && command -v mkfs.ext4 >/dev/null; then
  truncate -s 4G "$WORK/fs.img"
  mkfs.ext4 -q -F "$WORK/fs.img"
  mkdir -p "$WORK/fs"
  mount -o loop "$WORK/fs.img" "$WORK/fs"
  OUT=$WORK/fs
  echo "workspaces on a fresh ext4 file system ($OUT)"
else
  echo "workspaces in $OUT (not root: no fresh file system; expect noise from recent deletions)"
fi

python3 - "$WORK" "$OPERATIONS" <<'PY'
import json, sys
work, operations = sys.argv[1], int(sys.argv[2])
schemas = {
    "Money": {"type": "object", "required": ["amount", "currency"],
              "properties": {"amount": {"type": "number", "minimum": 0},
                             "currency": {"type": "string", "enum": ["EUR", "USD", "GBP"]}}},
    "Audit": {"type": "object", "properties": {"createdAt": {"type": "string", "format": "date-time"},
                                               "createdBy": {"type": "string", "format": "email"}}},
}
paths = {}
for i in range(operations // 2):
    name = f"Item{i}"
    schemas[name] = {"allOf": [{"$ref": "#/components/schemas/Audit"}, {
        "type": "object", "required": ["id", "price"],
        "properties": {"id": {"type": "string", "format": "uuid", "readOnly": True},
                       "name": {"type": "string", "minLength": 3, "maxLength": 80},
                       "price": {"$ref": "#/components/schemas/Money"},
                       "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                       "kind": {"type": "string", "enum": ["a", "b", "c"]},
                       "parts": {"type": "array", "items": {"type": "object", "properties": {
                           "sku": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}}}}}}]}
    ref = {"$ref": f"#/components/schemas/{name}"}
    item = {
        "get": {"operationId": f"get{name}", "summary": f"Get item {i}", "tags": [f"group{i % 20}"],
                "parameters": [{"name": "itemId", "in": "path", "required": True, "schema": {"type": "string"}},
                               {"name": "expand", "in": "query", "schema": {"type": "boolean"}}],
                "security": [{"key": []}],
                "responses": {"200": {"description": "The item",
                                      "content": {"application/json": {"schema": ref}}},
                              "404": {"description": "Not found"}}},
        "put": {"operationId": f"put{name}", "summary": f"Replace item {i}", "tags": [f"group{i % 20}"],
                "parameters": [{"name": "itemId", "in": "path", "required": True, "schema": {"type": "string"}}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": ref}}},
                "responses": {"200": {"description": "Replaced", "content": {"application/json": {
                    "schema": ref, **({"example": {"id": f"id-{i}", "price": {"amount": 1, "currency": "EUR"}}}
                                      if i % 4 == 0 else {})}}}}},
    }
    paths[f"/groups/{i % 20}/items{i}/{{itemId}}"] = item
spec = {"openapi": "3.1.0", "info": {"title": "Generated", "version": "1"},
        "servers": [{"url": "https://api.example.com/v2"}],
        "components": {"schemas": schemas,
                       "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}},
        "paths": paths}
json.dump(spec, open(f"{work}/spec.json", "w"), indent=2)
try:
    import yaml
    yaml.safe_dump(spec, open(f"{work}/spec.yaml", "w"), sort_keys=False)
except ImportError:
    sys.exit("python3-yaml is needed to write the YAML variant")
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms_of() { # command... -> wall ms
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

declare -A RESULT
for format in yaml json; do
  times=()
  # Each round into a new folder (deleting one just before would bring the
  # allocator walk above back).
  for ((r = 0; r < ROUNDS; r++)); do
    times+=("$(ms_of "$TOLLGATED" import "$WORK/spec.$format" --workspace "$OUT/ws-$format-$r")")
  done
  RESULT[tollgated/$format]=$(printf '%s\n' "${times[@]}" | median)
  routes=$(find "$OUT/ws-$format-0/routes" -name '*.json' | wc -l)
  [[ $routes == "$OPERATIONS" ]] || { echo "expected $OPERATIONS routes, got $routes" >&2; exit 1; }
  times=()
  for ((r = 0; r < ROUNDS; r++)); do
    if [[ $format == yaml ]]; then
      times+=("$(ms_of python3 -c 'import sys, yaml; yaml.load(open(sys.argv[1]), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))' "$WORK/spec.yaml")")
    else
      times+=("$(ms_of python3 -c 'import sys, json; json.load(open(sys.argv[1]))' "$WORK/spec.json")")
    fi
  done
  RESULT[python/$format]=$(printf '%s\n' "${times[@]}" | median)
done

mkdir -p bench/out
{
  echo "| spec ($OPERATIONS operations) | size | tollgated import (ms) | Python parse only (ms) |"
  echo "|---|---|---|---|"
  for format in yaml json; do
    size=$(du -k "$WORK/spec.$format" | cut -f1)
    echo "| $format | ${size} KiB | ${RESULT[tollgated/$format]} | ${RESULT[python/$format]} |"
  done
} | tee bench/out/import.md
worst=$((RESULT[tollgated/yaml] > RESULT[tollgated/json] ? RESULT[tollgated/yaml] : RESULT[tollgated/json]))
if ((worst < 2000)); then
  echo "PASS import of $OPERATIONS operations < 2 s (${worst} ms)"
else
  echo "FAIL import of $OPERATIONS operations took ${worst} ms (target < 2 s)"
  exit 1
fi
