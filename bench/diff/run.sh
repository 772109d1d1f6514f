#!/usr/bin/env bash
# Benchmark: `ocisc diff A B` on two ~210 MiB OCI images (one gzip layer of real files from this machine:
# /usr/share/doc and /usr/share/java, ~12,000 entries) that differ in one file, against the reference
# `gzip -dc | sha256sum` over both images' layer blobs, measured in the same run. Medians of RUNS runs, JVM
# start included (the ./ocisc launcher, jar built once before the timings, -Xmx512m). Also: A against a byte
# copy of A (identical: decided from the digests, no layer is decompressed), and peak RSS (/usr/bin/time %M)
# and the heap used after GC (GC log) of the drift run.
# Usage: bench/diff/run.sh [RUNS]       (needs GNU tar, gzip, python3, /usr/bin/time)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
runs=${1:-5}
work=${OCISC_BENCH_DIR:-/tmp/ocisc-bench}/diff-270
export OCISC_JAVA_OPTS="-Xmx512m ${OCISC_JAVA_OPTS:-}"

# Two layouts from one tree; B changes one line of one text file (same size, same mtime).
layout() { # TREE OUT
  local tree=$1 out=$2
  rm -rf "$out"; mkdir -p "$out/blobs/sha256"
  tar --sort=name --mtime=@1700000000 --owner=0 --group=0 --numeric-owner -C "$tree" -cf "$out.tar" .
  gzip -6 -n -c "$out.tar" > "$out.tar.gz"
  "$root/bench/oci/write-layout.py" "$out" --created 2024-01-01T00:00:00Z "$out.tar" "$out.tar.gz"
  rm -f "$out.tar"
}
if [ ! -f "$work/b/index.json" ]; then
  rm -rf "$work"; mkdir -p "$work/tree/usr/share"
  cp -a /usr/share/doc /usr/share/java "$work/tree/usr/share/"
  layout "$work/tree" "$work/a"
  f="$work/tree/usr/share/doc/bash/README"
  [ -f "$f" ] || f=$(find "$work/tree/usr/share/doc" -type f -name copyright | LC_ALL=C sort | sed -n 1p)
  python3 - "$f" <<'PY'
import os, sys
p = sys.argv[1]; st = os.stat(p); b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0x20          # one byte, same size
open(p, "wb").write(b); os.utime(p, (st.st_atime, st.st_mtime))
PY
  echo "${f#$work/tree/}" > "$work/changed"
  layout "$work/tree" "$work/b"
  rm -rf "$work/tree"
fi
rm -rf "$work/a-copy"; cp -a "$work/a" "$work/a-copy"
blobs() { python3 -c '
import json,sys
d=sys.argv[1]; m=json.load(open(d+"/index.json"))["manifests"][0]["digest"].split(":")[1]
print(" ".join(d+"/blobs/sha256/"+l["digest"].split(":")[1] for l in json.load(open(d+"/blobs/sha256/"+m))["layers"]))' "$1"; }
layers="$(blobs "$work/a") $(blobs "$work/b")"
"$root/ocisc" --version >/dev/null     # builds the jar if needed, outside the timings

ns() { date +%s%N; }
ref=(); drift=(); same=(); rss=""
for i in $(seq "$runs"); do
  s=$(ns); for l in $layers; do gzip -dc "$l" | sha256sum >/dev/null; done; ref+=("$(( $(ns) - s ))")
  s=$(ns); rc=0
  /usr/bin/time -f %M -o "$work/rss" "$root/ocisc" diff "$work/a" "$work/b" >"$work/report.txt" 2>"$work/err" || rc=$?
  drift+=("$(( $(ns) - s ))")
  [ "$rc" = 1 ] || { echo "ocisc diff exited $rc, expected 1 (drift):" >&2; cat "$work/err" >&2; exit 1; }
  rss="$rss $(tail -1 "$work/rss")"
  s=$(ns); rc=0; "$root/ocisc" diff "$work/a" "$work/a-copy" >"$work/same.txt" 2>&1 || rc=$?
  same+=("$(( $(ns) - s ))")
  [ "$rc" = 0 ] || { echo "ocisc diff of identical images exited $rc" >&2; cat "$work/same.txt" >&2; exit 1; }
done
# Heap after GC, from one more drift run with a GC log (peak live data is what -Xmx must hold).
OCISC_JAVA_OPTS="$OCISC_JAVA_OPTS -Xlog:gc:file=$work/gc.log" "$root/ocisc" diff "$work/a" "$work/b" >/dev/null 2>&1 || true
python3 - "$work" "${ref[*]}" "${drift[*]}" "${same[*]}" "$rss" <<'PY'
import os, re, statistics, sys
work = sys.argv[1]
ref, drift, same = ([int(x) / 1e9 for x in a.split()] for a in sys.argv[2:5])
rss = [int(x) / 1024 for x in sys.argv[5].split()]
blob = lambda d: sum(os.path.getsize(os.path.join(d, "blobs/sha256", f)) for f in os.listdir(os.path.join(d, "blobs/sha256")))
report = open(os.path.join(work, "report.txt")).read()
changed = open(os.path.join(work, "changed")).read().strip()
unit = {"K": 1, "M": 1024, "G": 1024 * 1024}
after = [int(n) * unit[u] for n, u in re.findall(r"->(\d+)([KMG])\(", open(os.path.join(work, "gc.log")).read())]
mr, md, ms = (statistics.median(x) for x in (ref, drift, same))
print(f"images: {blob(work + '/a') / 2**20:.0f} MiB and {blob(work + '/b') / 2**20:.0f} MiB of blobs, one file changed: {changed}")
print(f"report names it: {'yes' if changed.split('/')[-1] in report else 'NO'}; first lines: {report.splitlines()[2:3]}")
print(f"gzip -dc | sha256sum, both images' layers: median {mr:.2f} s  runs {[round(x, 2) for x in ref]}")
print(f"ocisc diff A B (drift), JVM start included: median {md:.2f} s  runs {[round(x, 2) for x in drift]}")
print(f"ocisc diff A copy-of-A (identical):         median {ms:.2f} s  runs {[round(x, 2) for x in same]}")
print(f"ratio ocisc diff / reference: {md / mr:.2f} (target <= 1.5)")
print(f"peak RSS of the drift runs (-Xmx512m): max {max(rss):.0f} MiB; heap after GC max {max(after) / 1024 if after else 0:.0f} MiB ({len(after)} GCs)")
PY
