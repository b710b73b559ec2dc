#!/usr/bin/env python3
"""Validates OpenAPI 3.1 documents (JSON) against the official OAS 3.1 schema.

usage: validate_openapi.py SCHEMA DOCUMENT...
Prints each error with the JSON path it is at; exits 1 when any document fails.
"""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"{path}: /{where}: {e.message[:300]}")
        if errors:
            failed = True
        else:
            print(f"{path}: valid OpenAPI 3.1")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
