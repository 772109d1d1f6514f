#!/usr/bin/env bash
# Make nix-snapshotter/: an OCI layout shaped as nix-snapshotter's nix2container writes its images, from the
# runtime closure of testdata/nix (truth: ../nix/truth/runtime-closure.txt, printed by nix-store -qR).
#   - one gzip layer (umoci) holding only an empty mount point per store path (a directory, or an empty 0555
#     file for a path that is a file) and /bin/greeter, a symlink into the closure (nix2container's copyToRoots)
#   - the layer descriptor annotated containerd.io/snapshot/nix-layer "true" and
#     containerd.io/snapshot/nix-store-path.N = the closure's paths in the order nix-store -qR printed them
# umoci cannot annotate a layer descriptor, so python3 rewrites the manifest (and index.json) afterwards.
# Requirements: umoci, python3. Offline.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$HERE"
STORE=../nix/store
CLOSURE=../nix/truth/runtime-closure.txt
OUT=${1:-nix-snapshotter}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
rm -rf "$OUT"
umoci init --layout "$OUT"
umoci new --image "$OUT:latest"
umoci config --image "$OUT:latest" --architecture amd64 --os linux --author ocisc-testdata \
  --created 2024-01-01T00:00:00Z --config.entrypoint /bin/greeter
umoci unpack --rootless --image "$OUT:latest" "$TMP/b"
R="$TMP/b/rootfs"
while read -r p; do
  if [ -d "$STORE$p" ]; then mkdir -p "$R$p"; else mkdir -p "$(dirname "$R$p")"; : > "$R$p"; chmod 0555 "$R$p"; fi
done < "$CLOSURE"
GREETER=$(grep -- '-greeter-2.1.0$' "$CLOSURE")
mkdir -p "$R/bin"; ln -s "$GREETER/bin/greeter" "$R/bin/greeter"
umoci repack --refresh-bundle --image "$OUT:latest" --history.created 2024-01-01T00:00:00Z \
  --history.comment "nix-snapshotter closure layer" "$TMP/b"
umoci gc --layout "$OUT"
python3 - "$OUT" "$CLOSURE" <<'PY'
import hashlib, json, os, sys
layout, closure = sys.argv[1], sys.argv[2]
paths = [l.strip() for l in open(closure) if l.strip()]
def blob(d): return os.path.join(layout, "blobs", "sha256", d.split(":")[1])
idx = json.load(open(os.path.join(layout, "index.json")))
old = idx["manifests"][0]
man = json.load(open(blob(old["digest"])))
ann = {"containerd.io/snapshot/nix-layer": "true"}
for i, p in enumerate(paths):
    ann["containerd.io/snapshot/nix-store-path.%d" % i] = p
man["layers"][-1]["annotations"] = ann
data = json.dumps(man, indent=2).encode()
digest = "sha256:" + hashlib.sha256(data).hexdigest()
open(blob(digest), "wb").write(data)
os.remove(blob(old["digest"]))
old["digest"], old["size"] = digest, len(data)
json.dump(idx, open(os.path.join(layout, "index.json"), "w"))
PY
