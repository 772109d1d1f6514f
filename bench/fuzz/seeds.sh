#!/usr/bin/env bash
# Regenerates the fuzz targets' seed inputs (src/test/resources/dev/ocisc/fuzz/*Inputs/METHOD/) from the test
# fixtures: three .drv files of different shapes, the three graph JSON shapes (cut to three derivations), three
# image archive forms, and an envelope, a bundle and a statement made by ocisc with a throwaway key. Findings
# (crash-*, timeout-*) in the same directories are left alone: they are the regression corpus.
# Usage, from the project root: bash bench/fuzz/seeds.sh   (needs python3 and a built ./ocisc)
set -euo pipefail
cd "$(dirname "$0")/../.."
store=testdata/nix/store/nix/store
res() { local d="$1/src/test/resources/dev/ocisc/fuzz/$2Inputs/$3"; mkdir -p "$d"; echo "$d"; }

d=$(res graph NixInputsFuzzTest derivation)
cp "$store"/kisxr5av90ns7ldnx5cyynm85d0bl900-greeter-2.1.0.drv "$d/greeter.drv"
cp "$store"/4cffihim26cmsxpkmrrvsiv71nzr4gaj-greeter-assets-0.2.drv "$d/structured-attrs.drv"
cp "$store"/ky7rzvdpyx4ldrlssxdq90wxn69nf027-greeting-data-1.0.tar.drv "$d/fixed-output.drv"

d=$(res graph NixInputsFuzzTest graphJson)
python3 - "$d" <<'PY'
import json, sys
out = sys.argv[1]
def dump(name, doc):
    with open(f"{out}/{name}", "w") as f:
        f.write(json.dumps(doc, separators=(",", ":")) + "\n")
dump("path-info.json", json.load(open("testdata/nix/path-info.json")))
old = json.load(open("testdata/nix/derivation-show.json"))
dump("derivation-show.json", {k: old[k] for k in sorted(old)[:3]})
new = json.load(open("testdata/nix/derivation-show-v4.json"))
drvs = new["derivations"]
dump("derivation-show-v4.json", {"derivations": {k: drvs[k] for k in sorted(drvs)[:3]}, "version": new["version"]})
PY

d=$(res oci ImageFuzzTest imageArchive)
cp testdata/oci/debian.oci.tar "$d/oci-archive.tar"
cp testdata/oci/debian.docker.tar "$d/docker-archive.tar"
cp testdata/oci/docker25.tar "$d/docker25.tar"

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
./ocisc keygen -o "$t/k" >/dev/null 2>&1
prov() { ./ocisc provenance testdata/nix/result --store testdata/nix/store \
  --builder-id https://ci.example.org/ocisc-builder "$@" 2>/dev/null; }
d=$(res provenance AttestationFuzzTest attestationFile)
prov --sign "$t/k.key" -o "$d/envelope.intoto.jsonl"
prov --sign "$t/k.key" --bundle -o "$d/bundle.sigstore.json"
d=$(res provenance AttestationFuzzTest signedStatement)
prov -o "$d/statement.json"
echo "seeds written"
