#!/usr/bin/env python3
"""Build a Nix image in the format of nixpkgs' dockerTools.buildLayeredImage, without nixpkgs.

Usage: make-nix-image.py STORE_ROOT CLOSURE_FILE OUT.tar[.gz] [--with-db] [--app NAME-VERSION]

STORE_ROOT is a relocated store (testdata/nix/store: STORE_ROOT/nix/store/..., its db.sqlite);
CLOSURE_FILE lists the store paths, one a line (nix-store -qR). Mirrors stream_layered_image.py:
one layer per store path, most referenced first; layers are PAX tars with absolute names
/nix/store/..., mtime 1, uid/gid 0, uname/gname root, hard links written as regular files, files in
sorted order, padded to 10240 bytes; then a "customisation" layer (GNU tar, ./ names); config with
created 1970-01-01T00:00:01+00:00 and one history entry per layer with the comment
"store paths: [...]"; the archive holds <diffID>/layer.tar, <sha256>.json and manifest.json and is
gzipped as a whole (like pigz -nTR: no name, no mtime) when OUT ends in .gz.
--with-db adds /nix/var/nix/db/db.sqlite (the store's database) to the customisation layer.
--app names the closure's application (default greeter-2.1.0): /bin links to its bin directory, the entrypoint
and tag are its name. STORE_ROOT / reads the machine's own /nix/store.
"""
import gzip
import hashlib
import io
import json
import os
import pathlib
import sys
import tarfile

store_root, closure_file, out = sys.argv[1], sys.argv[2], sys.argv[3]
with_db = "--with-db" in sys.argv[4:]
app_name = sys.argv[sys.argv.index("--app") + 1] if "--app" in sys.argv else "greeter-2.1.0"
app_short = app_name.rsplit("-", 1)[0]
closure = [l.strip() for l in open(closure_file) if l.strip()]


def host(p):
    return os.path.join(store_root, p.lstrip("/"))


# Popularity: how many paths of the closure refer to each (by scanning for hash parts, as Nix does).
def refs_of(path):
    hashes = {p: os.path.basename(p)[:32].encode() for p in closure}
    found = set()
    base = pathlib.Path(host(path))
    files = [base] if base.is_symlink() or base.is_file() else [base] + sorted(base.rglob("*"))
    for f in files:
        data = os.readlink(f).encode() if f.is_symlink() else (f.read_bytes() if f.is_file() else b"")
        for p, h in hashes.items():
            if p != path and h in data:
                found.add(p)
    return found


referrers = {p: 0 for p in closure}
for p in closure:
    for r in refs_of(p):
        referrers[r] += 1
ordered = sorted(closure, key=lambda p: (-referrers[p], p))


def apply_filters(ti):
    ti.mtime = 1
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = "root"
    return ti


def layer_for(path):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        p = pathlib.Path(host(path))
        files = [p] if p.is_symlink() else [p] + list(p.rglob("*"))
        for f in sorted(files):
            ti = tar.gettarinfo(str(f))
            ti.name = "/" + os.path.relpath(str(f), store_root)
            if ti.islnk():  # hard links become regular files, as in stream_layered_image.py
                ti.type = tarfile.REGTYPE
            apply_filters(ti)
            if ti.isreg():
                with open(f, "rb") as fh:
                    tar.addfile(ti, fh)
            else:
                tar.addfile(ti)
    return buf.getvalue()


def customisation_layer():
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w|", format=tarfile.GNU_FORMAT) as tar:
        def add(name, kind, data=None, target=None, mode=0o755):
            ti = tarfile.TarInfo(name)
            ti.type, ti.mode, ti.mtime = kind, mode, 315532800
            ti.uname = ti.gname = "root"
            if target:
                ti.linkname = target
            if data is not None:
                ti.size = len(data)
                tar.addfile(ti, io.BytesIO(data))
            else:
                tar.addfile(ti)
        app = [p for p in closure if p.endswith("-" + app_name)][0]
        add("./bin", tarfile.SYMTYPE, target=app + "/bin")
        if with_db:
            db = open(os.path.join(store_root, "nix/var/nix/db/db.sqlite"), "rb").read()
            for d in ["./nix", "./nix/var", "./nix/var/nix", "./nix/var/nix/db"]:
                add(d, tarfile.DIRTYPE)
            add("./nix/var/nix/db/db.sqlite", tarfile.REGTYPE, data=db, mode=0o644)
    return buf.getvalue()


layers = [(layer_for(p), [p]) for p in ordered] + [(customisation_layer(), [])]
diff_ids = ["sha256:" + hashlib.sha256(b).hexdigest() for b, _ in layers]
history = []
for _, paths in layers:
    comment = "store paths: %s" % repr(paths) if paths else ""
    history.append({"created": "1970-01-01T00:00:01+00:00", "comment": comment})
config = {
    "architecture": "amd64", "os": "linux", "created": "1970-01-01T00:00:01+00:00",
    "config": {"Entrypoint": ["/bin/" + app_short]},
    "rootfs": {"type": "layers", "diff_ids": diff_ids},
    "history": history,
}
config_bytes = json.dumps(config, sort_keys=True).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
manifest = [{"Config": config_name, "RepoTags": [app_short + ":latest"],
             "Layers": [d[len("sha256:"):] + "/layer.tar" for d in diff_ids]}]

raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w|", format=tarfile.PAX_FORMAT) as tar:
    def add(name, data, kind=tarfile.REGTYPE):
        ti = tarfile.TarInfo(name)
        ti.mtime = 1
        ti.type = kind
        if kind == tarfile.DIRTYPE:
            ti.mode = 0o755
            tar.addfile(ti)
        else:
            ti.size = len(data)
            tar.addfile(ti, io.BytesIO(data))
    for (blob, _), d in zip(layers, diff_ids):
        add(d[len("sha256:"):], None, tarfile.DIRTYPE)
        add(d[len("sha256:"):] + "/layer.tar", blob)
    add(config_name, config_bytes)
    add("manifest.json", json.dumps(manifest).encode())

data = raw.getvalue()
with open(out, "wb") as fh:
    if out.endswith(".gz"):
        with gzip.GzipFile(fileobj=fh, mode="wb", filename="", mtime=0) as gz:
            gz.write(data)
    else:
        fh.write(data)
