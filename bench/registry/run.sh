#!/usr/bin/env bash
# Benchmark: images read from a registry. The image of bench/oci/make-big-image.sh is pushed (skopeo) to a
# docker-registry started here on a loopback port, as two tags; then, in the same run:
#   - `ocisc sbom REF` with --no-cache (every blob downloaded) against `curl` of the same layer blobs piped into
#     `gzip -dc | sha256sum`, one layer after another;
#   - `ocisc sbom REF` again with the blob cache warm;
#   - `ocisc diff REF REF2` of the two tags (one manifest: no layer downloaded).
# Prints medians of RUNS runs and the ratio. Usage: bench/registry/run.sh [TOTAL_MB] [RUNS]
# (needs: docker-registry, skopeo, curl, gzip, python3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
total=${1:-1024}; runs=${2:-3}
img=${OCISC_BENCH_DIR:-/tmp/ocisc-bench}/image-$total
[ -f "$img/index.json" ] || "$root/bench/oci/make-big-image.sh" "$img" "$total"
work=$(mktemp -d); pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
. "$root/bench/lib/registry.sh"
start_registry "$work/registry"; pid=$registry_pid
skopeo copy --quiet --dest-tls-verify=false "oci:$img" "docker://$host/big:1"
skopeo copy --quiet --dest-tls-verify=false "docker://$host/big:1" "docker://$host/big:2" --src-tls-verify=false
"$root/ocisc" --version >/dev/null   # builds the jar first if a source is newer
blobs=$(python3 -c '
import json,sys
d=sys.argv[1]; m=json.load(open(d+"/index.json"))["manifests"][0]["digest"].split(":")[1]
print(" ".join(l["digest"] for l in json.load(open(d+"/blobs/sha256/"+m))["layers"]))' "$img")
export XDG_CACHE_HOME=$work/cache
ns() { date +%s%N; }
ref=(); cold=(); warm=(); diff=()
for i in $(seq "$runs"); do
  s=$(ns)
  for b in $blobs; do curl -fs "http://$host/v2/big/blobs/$b" | gzip -dc | sha256sum >/dev/null; done
  ref+=("$(( $(ns) - s ))")
  s=$(ns); "$root/ocisc" sbom "$host/big:1" --no-cache -o "$work/cold.json" 2>/dev/null; cold+=("$(( $(ns) - s ))")
  rm -rf "$work/cache"; "$root/ocisc" sbom "$host/big:1" -o "$work/fill.json" 2>/dev/null
  s=$(ns); "$root/ocisc" sbom "$host/big:1" -o "$work/warm.json" 2>/dev/null; warm+=("$(( $(ns) - s ))")
  s=$(ns); "$root/ocisc" diff "$host/big:1" "$host/big:2" >/dev/null; diff+=("$(( $(ns) - s ))")
done
python3 - "${ref[*]}" "${cold[*]}" "${warm[*]}" "${diff[*]}" "$total" <<'PY'
import statistics, sys
ref, cold, warm, diff = ([round(int(x) / 1e9, 2) for x in a.split()] for a in sys.argv[1:5])
m = statistics.median
print(f"image of ~{sys.argv[5]} MB uncompressed, from a local docker-registry (plain HTTP, loopback)")
print(f"curl | gzip -dc | sha256sum (layers one after another): median {m(ref):.2f} s  runs {ref}")
print(f"ocisc sbom REF --no-cache (JVM start included):       median {m(cold):.2f} s  runs {cold}")
print(f"ocisc sbom REF, blob cache warm:                      median {m(warm):.2f} s  runs {warm}")
print(f"ocisc diff REF REF2 (two tags, one manifest):         median {m(diff):.2f} s  runs {diff}")
print(f"ratio ocisc sbom (no cache) / reference: {m(cold)/m(ref):.2f}")
PY
