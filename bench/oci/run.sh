#!/usr/bin/env bash
# Benchmark: a verified read of a ~1 GB image (blob digests, DiffIDs, per-file SHA-256, layers in parallel)
# against `gzip -dc | sha256sum` over the same layer blobs, both measured here in the same run.
# Prints medians of RUNS runs and the ratio; the heap is capped at 512 MB to show it stays bounded.
# Usage: bench/oci/run.sh [TOTAL_MB] [RUNS] [catalog]   (needs: gzip; python3)
# With "catalog" the read is ocisc sbom IMAGE's (ImageCatalog: also the package and language catalogers).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
total=${1:-1024}; runs=${2:-3}; mode=${3:-listing}
img=${OCISC_BENCH_DIR:-/tmp/ocisc-bench}/image-$total
[ -f "$img/index.json" ] || "$here/make-big-image.sh" "$img" "$total"
# Built in the same reactor, graph resolves to its jar in graph/target, not to whatever a local repository holds.
cpfile=$(mktemp); trap 'rm -f "$cpfile"' EXIT   # its own file: two checkouts may run this at once
(cd "$root" && mvn -q package -DskipTests dependency:build-classpath -pl oci -am -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$cpfile" >/dev/null)
cp="$root/oci/target/classes:$(cat "$cpfile")"
blobs=$(python3 -c '
import json,sys
d=sys.argv[1]; m=json.load(open(d+"/index.json"))["manifests"][0]["digest"].split(":")[1]
print(" ".join(d+"/blobs/sha256/"+l["digest"].split(":")[1] for l in json.load(open(d+"/blobs/sha256/"+m))["layers"]))' "$img")
ref=(); ours=(); line=""
for i in $(seq "$runs"); do
  s=$(date +%s%N)
  for b in $blobs; do gzip -dc "$b" | sha256sum >/dev/null; done
  ref+=("$(( $(date +%s%N) - s ))")
  s=$(date +%s%N)
  line=$(java -Xmx512m -cp "$cp" "$here/ReadBench.java" "$img" "$mode")
  ours+=("$(( $(date +%s%N) - s ))")
done
python3 - "$line" "${ref[*]}" "${ours[*]}" <<'PY'
import statistics, sys
inner, files, nbytes, heap = sys.argv[1].split()
ref = [round(int(x) / 1e9, 2) for x in sys.argv[2].split()]; ours = [round(int(x) / 1e9, 2) for x in sys.argv[3].split()]
mr, mo = statistics.median(ref), statistics.median(ours)
print(f"uncompressed {int(nbytes)/2**20:.0f} MiB, {files} files hashed")
print(f"gzip -dc | sha256sum (layers one after another): median {mr:.2f} s  runs {ref}")
print(f"ocisc verified read (JVM start included):       median {mo:.2f} s  runs {ours}")
print(f"  read itself (last run, without JVM start): {float(inner):.2f} s; peak heap {heap} MB (-Xmx512m)")
print(f"ratio ocisc / reference: {mo/mr:.2f}")
PY
