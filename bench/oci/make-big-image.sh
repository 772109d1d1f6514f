#!/usr/bin/env bash
# Makes a ~1 GB (uncompressed) OCI layout for the read benchmark: LAYERS gzip layers of text-like files
# (base64 of random bytes: compresses about 4:3, like binaries and docs in real images).
# Usage: make-big-image.sh OUTDIR [TOTAL_MB] [LAYERS]
set -euo pipefail
out=$1; total=${2:-1024}; layers=${3:-4}
per=$(( total / layers ))
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
rm -rf "$out"; mkdir -p "$out/blobs/sha256"
make_layer() {
  local i=$1 d="$tmp/l$1"
  mkdir -p "$d/data/layer$i"
  local n=0 mb=0
  while [ $mb -lt $per ]; do
    head -c $(( 3 * 1024 * 1024 )) /dev/urandom | base64 -w 76 > "$d/data/layer$i/f$n.txt"   # 4 MB of text
    n=$((n+1)); mb=$((mb+4))
  done
  tar --sort=name --mtime=@1 --owner=0 --group=0 --numeric-owner -C "$d" -cf "$tmp/l$i.tar" data
  gzip -6 -n -c "$tmp/l$i.tar" > "$tmp/l$i.tar.gz"
  rm -rf "$d"
}
for i in $(seq 0 $((layers-1))); do make_layer $i & done
wait
python3 - "$out" "$tmp" "$layers" <<'PY'
import hashlib, json, os, shutil, sys
out, tmp, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()
def blob(data):
    d = hashlib.sha256(data).hexdigest()
    open(os.path.join(out, "blobs/sha256", d), "wb").write(data)
    return d, len(data)
layers, diff_ids = [], []
for i in range(n):
    diff_ids.append("sha256:" + sha(f"{tmp}/l{i}.tar"))
    d = sha(f"{tmp}/l{i}.tar.gz")
    shutil.move(f"{tmp}/l{i}.tar.gz", os.path.join(out, "blobs/sha256", d))
    layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:" + d,
                   "size": os.path.getsize(os.path.join(out, "blobs/sha256", d))})
config = json.dumps({"architecture": "amd64", "os": "linux",
                     "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
cd, cs = blob(config)
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:" + cd, "size": cs},
    "layers": layers}).encode()
md, ms = blob(manifest)
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
    "digest": "sha256:" + md, "size": ms}]}, open(os.path.join(out, "index.json"), "w"))
open(os.path.join(out, "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
PY
du -sh "$out" >&2
