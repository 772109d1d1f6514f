#!/usr/bin/env python3
"""ocisc sbom vs cdxgen on the images of testdata/oci, against the tools' own ground truth.

Usage: compare-cdxgen.py CDXGEN OCISC_CMD...   (OCISC_CMD: e.g. `java -cp CP dev.ocisc.cli.Main`)
Ground truth: Nix images = nix-store -qR of the closure they were built from (testdata/nix/truth);
Debian = dpkg-query -W in the rootfs; distroless = the status.d stanzas; Alpine = the apk database's P:/V:.
Packages are compared as ecosystem:name@version; store paths by their full path (cdxgen: by purl name).
cdxgen cannot read OCI layout directories, so layouts are handed to it as docker-archives made by skopeo.
Prints a Markdown table (found, false positives, false negatives, median wall time of RUNS runs).
"""
import json, os, statistics, subprocess, sys, tempfile, time, urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
T = os.path.join(ROOT, "testdata")
RUNS = int(os.environ.get("RUNS", "3"))
cdxgen, ocisc = sys.argv[1], sys.argv[2:]


def lines(p):
    return [l for l in open(os.path.join(T, p)).read().splitlines() if l.strip()]


closure = {"nix:" + p for p in lines("nix/truth/runtime-closure.txt")}
deb = {"deb:%s@%s" % tuple(l.split("\t")[:2]) for l in lines("oci/truth/debian-dpkg-query.txt")}
distroless = {"deb:%s@%s" % tuple(l.split("\t")[:2]) for l in lines("oci/truth/distroless-status-d.txt")}
apk = {"apk:%s@%s" % tuple(l.split("\t")[:2]) for l in lines("oci/truth/alpine-apk.txt")}

IMAGES = [  # (label, path, form for cdxgen, truth)
    ("Nix dockerTools .tar.gz", "oci/nix-greeter.tar.gz", None, closure),
    ("Nix image + db.sqlite, .tar.zst", "oci/nix-greeter-db.tar.zst", None, closure),
    ("Nix closure, umoci layout", "oci/nix-umoci", "layout", closure),
    ("Debian subset, docker-archive", "oci/debian.docker.tar", None, deb),
    ("Debian subset, oci-archive", "oci/debian.oci.tar", None, deb),
    ("distroless status.d, layout", "oci/distroless", "layout", distroless),
    ("Alpine apk, layout", "oci/alpine", "layout", apk),
]


def keys(bom):
    out = set()
    for c in bom.get("components", []):
        ref, purl = c.get("bom-ref", ""), c.get("purl") or ""
        if ref.startswith("/nix/store/"):
            out.add("nix:" + ref)
        elif purl.startswith("pkg:nix/"):
            out.add("nix:" + purl)  # cdxgen would name a store path by purl; never equal to a path: counted
        elif purl.startswith(("pkg:deb/", "pkg:apk/")):
            eco = purl[4:7]
            body = purl.split("?")[0].rsplit("/", 1)[1]
            name, _, ver = body.partition("@")
            out.add("%s:%s@%s" % (eco, urllib.parse.unquote(name), urllib.parse.unquote(ver)))
        elif purl and not purl.startswith("pkg:oci/") and c.get("type") not in ("container", "operating-system"):
            out.add("other:" + purl)
    return out


def timed(cmd, **kw):
    ts = []
    for _ in range(RUNS):
        t = time.monotonic()
        r = subprocess.run(cmd, capture_output=True, **kw)
        ts.append(time.monotonic() - t)
    return r, statistics.median(ts)


tmp = tempfile.mkdtemp()
print("| image | truth | tool | found | false pos. | false neg. | median s |")
print("|---|---|---|---|---|---|---|")
for label, rel, form, truth in IMAGES:
    path = os.path.join(T, rel)
    r, t = timed(ocisc + ["sbom", path, "-o", os.path.join(tmp, "ocisc.json")])
    got = keys(json.load(open(os.path.join(tmp, "ocisc.json")))) if r.returncode == 0 else set()
    print(f"| {label} | {len(truth)} | ocisc | {len(got & truth)} | {len(got - truth)} | {len(truth - got)} | {t:.2f} |")
    target = path
    if form == "layout":
        target = os.path.join(tmp, os.path.basename(rel) + ".docker.tar")
        if os.path.exists(target):
            os.remove(target)
        subprocess.run(["skopeo", "copy", "-q", "oci:" + path, "docker-archive:" + target], check=True)
    out = os.path.join(tmp, "cdxgen.json")
    if os.path.exists(out):
        os.remove(out)
    r, t = timed([cdxgen, "-t", "docker", "-o", out, target], env=dict(os.environ, CDXGEN_DEBUG_MODE=""))
    got = keys(json.load(open(out))) if os.path.exists(out) else set()
    fp = sorted(got - truth)
    print(f"| {label} | {len(truth)} | cdxgen | {len(got & truth)} | {len(fp)} | {len(truth - got)} | {t:.2f} |"
          + ("" if not fp else "  <!-- FP: " + ", ".join(fp)[:300] + " -->"))
