#!/usr/bin/env python3
"""Writes an OCI image layout from gzip layers made beforehand, for the benchmarks that build their own images.
Each layer is given as its uncompressed tar (for the DiffID) and its .tar.gz (moved into the layout as a blob).
  write-layout.py OUT [--created TIME] TAR GZ [TAR GZ ...]
OUT/blobs/sha256 must exist."""
import hashlib, json, os, shutil, sys

args = sys.argv[1:]
out = args.pop(0)
created = None
if args and args[0] == "--created":
    created = args[1]
    args = args[2:]
if not args or len(args) % 2:
    sys.exit("usage: write-layout.py OUT [--created TIME] TAR GZ [TAR GZ ...]")


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
for tar, gz in zip(args[0::2], args[1::2]):
    diff_ids.append("sha256:" + sha(tar))
    d = sha(gz)
    shutil.move(gz, os.path.join(out, "blobs/sha256", d))
    layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:" + d,
                   "size": os.path.getsize(os.path.join(out, "blobs/sha256", d))})
config = {"architecture": "amd64", "os": "linux"}
if created:
    config["created"] = created
config["rootfs"] = {"type": "layers", "diff_ids": diff_ids}
cd, cs = blob(json.dumps(config).encode())
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:" + cd, "size": cs},
    "layers": layers}).encode()
md, ms = blob(manifest)
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
    "digest": "sha256:" + md, "size": ms}]}, open(os.path.join(out, "index.json"), "w"))
open(os.path.join(out, "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
