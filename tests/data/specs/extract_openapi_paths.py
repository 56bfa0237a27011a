#!/usr/bin/env python3
"""Cut an OpenAPI document down to the paths under one prefix.

Keeps every top-level key (info, servers, security, components) and only the
paths that start with the prefix, values unchanged. Used to vendor the parts
of large official specs that the tests need; see SOURCES.md.

usage: extract_openapi_paths.py SPEC PREFIX OUT
"""
import json
import sys

spec_path, prefix, out_path = sys.argv[1:4]
with open(spec_path, encoding="utf-8") as f:
    spec = json.load(f)
spec["paths"] = {p: v for p, v in spec["paths"].items() if p == prefix or p.startswith(prefix + "/")}
spec.pop("x-tagGroups", None)
with open(out_path, "w", encoding="utf-8") as f:
    json.dump(spec, f, indent=1, ensure_ascii=False)
    f.write("\n")
