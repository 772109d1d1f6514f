#!/usr/bin/env python3
"""Convert `nix show-derivation -r` output of Nix 2.8 into the newer
"version 4" derivation JSON shape (Nix >= 2.33).

Usage: to_new_shape.py derivation-show.json > derivation-show-v4.json

What the version 4 format looks like, and where that was checked (public
NixOS/nix sources and manual, looked up while writing this script):

* doc/manual/source/release-notes/rl-2.33.md, "Derivation JSON format
  changes": the format went from version 3 to 4; `inputSrcs`/`inputDrvs` are
  replaced by `"inputs": {"srcs": [...], "drvs": {...}}`, and fixed
  content-addressed outputs use the structured content-address JSON
  (`{"method": ..., "hash": ...}`, same as `ca` in path-info JSON v2).
* doc/manual/source/protocols/json/schema/derivation-v4.yaml: required keys
  name, version (= 4), outputs, inputs, system, builder, args, env; optional
  structuredAttrs. Store paths are base names without the store dir (that
  started with version 3). Output variants:
    input-addressed  {"path": "<basename>"}
    fixed CA         {"method": "flat"|"nar"|"text"|"git", "hash": <Hash>}
    floating CA      {"method": ..., "hashAlgo": "sha256"}
    deferred         {}
    impure           {"impure": true, "method": ..., "hashAlgo": ...}
  `inputs.drvs` values are either a list of output names or the "dynamic
  outputs" object; Nix itself writes the object form.
* src/libstore-tests/data/derivation/ia/json-4/*.json (golden test files of
  the v4 serializer): `inputs.drvs` values are
  `{"dynamicOutputs": {}, "outputs": ["dev", "out"]}`; for structured-attrs
  derivations the `__json` env var is gone from `env` and its parsed content
  is the top-level `structuredAttrs` object; keys are sorted (nlohmann::json).
* nix.dev manual 2.33 and 2.34, protocols/json/hash + content-address: a Hash
  is an SRI string such as "sha256-<base64>".
* src/nix/derivation-show.cc (current master): `nix derivation show` prints
  `{"version": 4, "derivations": {<drvPath.to_string()>: <derivation>}}`;
  `StorePath::to_string()` is the base name ("<hash>-<name>.drv"), so keys
  are base names, not /nix/store/... paths.

Caveats: a third-party fix (Mayeu/std PR #4) reports that the top-level
{"derivations", "version"} wrapper appeared with Nix 2.34, so Nix 2.33 may
print the bare {<drv>: <derivation>} map with v4 bodies. Newer master
versions of the golden files also exist as json-5 (a later format) and some
intermediate commits spell hashes as {"algorithm","format","hash"} objects;
this script emits what the 2.33/2.34 manuals document (SRI strings).
"""

import base64
import json
import sys

STORE_DIR = "/nix/store/"


def basename(path):
    if path.startswith(STORE_DIR):
        return path[len(STORE_DIR):]
    return path


def convert_output(out):
    hash_algo = out.get("hashAlgo")
    hash_hex = out.get("hash")
    if hash_algo:
        method = "flat"
        algo = hash_algo
        for prefix, name in (("r:", "nar"), ("text:", "text"), ("git:", "git")):
            if algo.startswith(prefix):
                method = name
                algo = algo[len(prefix):]
                break
        if hash_hex:
            sri = algo + "-" + base64.b64encode(bytes.fromhex(hash_hex)).decode()
            return {"hash": sri, "method": method}
        if out.get("impure"):
            return {"hashAlgo": algo, "impure": True, "method": method}
        return {"hashAlgo": algo, "method": method}
    if out.get("path"):
        return {"path": basename(out["path"])}
    return {}  # deferred


def convert_drv(drv_path, drv):
    env = dict(drv.get("env", {}))
    structured = None
    if "__json" in env:
        structured = json.loads(env.pop("__json"))
    name = env.get("name") or (structured or {}).get("name")
    if not name:
        # <hash>-<name>.drv
        name = basename(drv_path).split("-", 1)[1][: -len(".drv")]
    new = {
        "args": drv.get("args", []),
        "builder": drv["builder"],
        "env": env,
        "inputs": {
            "drvs": {
                basename(p): {"dynamicOutputs": {}, "outputs": sorted(outs)}
                for p, outs in drv.get("inputDrvs", {}).items()
            },
            "srcs": sorted(basename(p) for p in drv.get("inputSrcs", [])),
        },
        "name": name,
        "outputs": {k: convert_output(v) for k, v in drv.get("outputs", {}).items()},
        "system": drv["system"],
        "version": 4,
    }
    if structured is not None:
        new["structuredAttrs"] = structured
    return new


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "-"
    with (sys.stdin if src == "-" else open(src)) as f:
        old = json.load(f)
    if "derivations" in old and "version" in old:
        sys.exit("input already looks like the new shape")
    result = {
        "derivations": {basename(p): convert_drv(p, d) for p, d in old.items()},
        "version": 4,
    }
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
