#!/usr/bin/env python3
"""Cut an OpenAPI 3 or Swagger 2.0 document down to the paths under some prefixes.

Keeps every top-level key (info, servers, security, components/definitions)
and only the paths under a prefix, values unchanged. Used to vendor the parts
of large official specs that the tests need; see SOURCES.md.

A path is under a prefix when it is the prefix or continues it with "/" or
"?" (LXD writes variants of a path as "/1.0/images?recursion=1"); a prefix
ending in "$" matches only itself. A SPEC named *.yaml or *.yml is read as
YAML (PyYAML), with dates left as the strings they are; the output is JSON.

With --prune, reusable objects that no kept path reaches through "$ref"
(directly or through other kept objects) are dropped too: Swagger 2.0
`definitions`, `parameters` and `responses`, OpenAPI 3 `components` sections
except `securitySchemes` (those are named by `security`, not referenced),
and `tags` that no kept operation uses.

usage: extract_openapi_paths.py [--prune] SPEC PREFIX... OUT
"""
import json
import sys

args = sys.argv[1:]
prune = "--prune" in args
args = [a for a in args if a != "--prune"]
if len(args) < 3:
    sys.exit(__doc__.strip().splitlines()[-1])
spec_path, prefixes, out_path = args[0], args[1:-1], args[-1]


def load(path):
    with open(path, encoding="utf-8") as f:
        if not path.endswith((".yaml", ".yml")):
            return json.load(f)
        import yaml

        class Loader(yaml.SafeLoader):
            """SafeLoader without the implicit timestamp type: JSON has no dates."""

        Loader.yaml_implicit_resolvers = {
            first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
        return yaml.load(f, Loader=Loader)


def under(path, prefix):
    if prefix.endswith("$"):
        return path == prefix[:-1]
    return path == prefix or path.startswith((prefix + "/", prefix + "?"))


spec = load(spec_path)
spec["paths"] = {p: v for p, v in spec["paths"].items() if any(under(p, prefix) for prefix in prefixes)}
spec.pop("x-tagGroups", None)


def refs(value):
    """Every "$ref" string inside a JSON value."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "$ref" and isinstance(v, str):
                yield v
            else:
                yield from refs(v)
    elif isinstance(value, list):
        for v in value:
            yield from refs(v)


def containers(doc):
    """The prunable sections: JSON pointer prefix -> the dict that holds the objects."""
    out = {}
    if "swagger" in doc:
        for section in ("definitions", "parameters", "responses"):
            if isinstance(doc.get(section), dict):
                out["#/" + section + "/"] = doc[section]
    for section, objects in doc.get("components", {}).items():
        if section != "securitySchemes" and isinstance(objects, dict):
            out["#/components/" + section + "/"] = objects
    return out


if prune:
    sections = containers(spec)
    kept = {pointer: set() for pointer in sections}
    pending = list(refs(spec["paths"]))
    while pending:
        ref = pending.pop()
        for pointer, objects in sections.items():
            name = ref[len(pointer):] if ref.startswith(pointer) else None
            if name is not None and name in objects and name not in kept[pointer]:
                kept[pointer].add(name)
                pending.extend(refs(objects[name]))
    for pointer, objects in sections.items():
        for name in [n for n in objects if n not in kept[pointer]]:
            del objects[name]
    used_tags = {t for item in spec["paths"].values() for op in item.values()
                 if isinstance(op, dict) for t in op.get("tags", [])}
    if "tags" in spec:
        spec["tags"] = [t for t in spec["tags"] if t.get("name") in used_tags]

with open(out_path, "w", encoding="utf-8") as f:
    json.dump(spec, f, indent=1, ensure_ascii=False)
    f.write("\n")
