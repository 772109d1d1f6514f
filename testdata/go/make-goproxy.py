#!/usr/bin/env python3
"""Write a GOPROXY file tree (GOPROXY=file://DIR) for modules whose sources Debian ships in /usr/share/gocode/src.

Usage: make-goproxy.py OUT_DIR MODULE@VERSION...

The Go module proxy protocol (go help goproxy): MODULE/@v/list, VERSION.info, VERSION.mod and VERSION.zip,
the zip holding MODULE@VERSION/FILE for every file of the module. The sources are Debian's packages
(golang-github-google-uuid-dev 1.3.0-1, ...), not the upstream zips, so the h1: sums that `go mod` computes
from them are those of Debian's trees. A module without a go.mod gets the synthetic `module PATH` one that
the go command itself writes for such modules. Entries are sorted and dated 1980-01-01: the same bytes every run.
"""
import os
import sys
import zipfile

SRC = "/usr/share/gocode/src"
out = sys.argv[1]
for spec in sys.argv[2:]:
    mod, ver = spec.split("@")
    root = os.path.join(SRC, mod)
    d = os.path.join(out, mod, "@v")
    os.makedirs(d, exist_ok=True)
    gomod_path = os.path.join(root, "go.mod")
    gomod = open(gomod_path, "rb").read() if os.path.exists(gomod_path) else ("module %s\n" % mod).encode()
    with open(os.path.join(d, "list"), "w") as f:
        f.write(ver + "\n")
    with open(os.path.join(d, ver + ".info"), "w") as f:
        f.write('{"Version":"%s","Time":"2020-01-01T00:00:00Z"}\n' % ver)
    with open(os.path.join(d, ver + ".mod"), "wb") as f:
        f.write(gomod)
    files = []
    for dirpath, dirs, names in os.walk(root):
        dirs.sort()
        for n in sorted(names):
            full = os.path.join(dirpath, n)
            if os.path.isfile(full) and not os.path.islink(full):
                files.append(os.path.relpath(full, root))
    with zipfile.ZipFile(os.path.join(d, ver + ".zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for rel in sorted(files):
            info = zipfile.ZipInfo("%s@%s/%s" % (mod, ver, rel), date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            z.writestr(info, open(os.path.join(root, rel), "rb").read())
