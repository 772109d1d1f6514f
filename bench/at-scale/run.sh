#!/usr/bin/env bash
# Benchmark: what one job of docs/at-scale/audit-image.sh costs. The image of bench/oci/make-big-image.sh is pushed
# (skopeo) to a docker-registry started here on a loopback port, its SBOM and signed provenance attached as the
# build job would; then the audit job runs RUNS times with an empty blob cache and RUNS times with the cache the
# first run filled (results removed each time, so each run does the whole job). Prints medians of wall time, CPU
# time (user + system of the job and every ocisc it runs) and the largest peak RSS of one process, and the
# reference: `curl | gzip -dc | sha256sum` of the image's layers.
# Usage: bench/at-scale/run.sh [TOTAL_MB] [RUNS]   (needs: docker-registry, skopeo, curl, gzip, python3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
total=${1:-256}; runs=${2:-3}
img=${OCISC_BENCH_DIR:-/tmp/ocisc-bench}/image-$total
[ -f "$img/index.json" ] || "$root/bench/oci/make-big-image.sh" "$img" "$total"
work=$(mktemp -d); registry_pid=""
cleanup() { [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
. "$root/bench/lib/registry.sh"
start_registry "$work/registry"
"$root/ocisc" --version >/dev/null   # builds the jar first if a source is newer
skopeo copy --quiet --dest-tls-verify=false "oci:$img" "docker://$host/team/app:1"
export XDG_CACHE_HOME=$work/build-cache OCISC=$root/ocisc OCISC_KEY=$work/ci.pub
"$root/ocisc" keygen -q -o "$work/ci"
"$root/ocisc" sbom "$host/team/app:1" --attach -q
"$root/ocisc" provenance --artifact "$host/team/app:1" --build-type https://example.org/buildtypes/bench/v1 \
  --sign "$work/ci.key" -o "$work/app.intoto.jsonl" -q
"$root/ocisc" attest attach "$host/team/app:1" "$work/app.intoto.jsonl" -q
digest=$("$root/ocisc" layers "$host/team/app:1" -f json -o - -q | python3 -c 'import json,sys; print(json.load(sys.stdin)["images"][0]["manifest_digest"])')
ref=$host/team/app@$digest
blobs=$(python3 -c '
import json,sys
d=sys.argv[1]; m=json.load(open(d+"/index.json"))["manifests"][0]["digest"].split(":")[1]
print(" ".join(l["digest"] for l in json.load(open(d+"/blobs/sha256/"+m))["layers"]))' "$img")
measure() {  # wall s, CPU s of the process tree, largest peak RSS MiB of one process
  python3 - "$@" <<'PY'
import os, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, shell=len(sys.argv) == 2)
wall = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.3f} {u.ru_utime + u.ru_stime:.3f} {u.ru_maxrss / 1024:.0f} {p.returncode}")
PY
}
ref_runs=(); cold=(); warm=()
for i in $(seq "$runs"); do
  ref_runs+=("$(measure "for b in $blobs; do curl -fs http://$host/v2/team/app/blobs/\$b | gzip -dc | sha256sum >/dev/null; done")")
  rm -rf "$work/cache" "$work/out"; export XDG_CACHE_HOME=$work/cache
  cold+=("$(measure bash "$root/docs/at-scale/audit-image.sh" "$ref" "$work/out")")
  rm -rf "$work/out"
  warm+=("$(measure bash "$root/docs/at-scale/audit-image.sh" "$ref" "$work/out")")
done
python3 - "$total" "$(nproc)" "$(printf '%s;' "${ref_runs[@]}")" "$(printf '%s;' "${cold[@]}")" "$(printf '%s;' "${warm[@]}")" <<'PY'
import statistics, sys, os
def rows(s): return [list(map(float, r.split())) for r in s.split(";") if r]
m = statistics.median
print(f"one audit job (sbom x2 formats, verify image, attest verify) of an image of ~{sys.argv[1]} MB uncompressed "
      f"in a local docker-registry; {sys.argv[2]} cores; load {os.getloadavg()[0]:.2f}")
for name, r in (("curl | gzip -dc | sha256sum", rows(sys.argv[3])), ("job, empty blob cache", rows(sys.argv[4])),
                ("job, warm blob cache", rows(sys.argv[5]))):
    print(f"{name:30s} wall {m(x[0] for x in r):6.2f} s  CPU {m(x[1] for x in r):6.2f} s  "
          f"peak RSS {max(x[2] for x in r):5.0f} MiB  exit {sorted(set(int(x[3]) for x in r))}")
PY
