#!/usr/bin/env python3
"""ocisc sbom vs cdxgen on the images of testdata/oci, against the tools' own ground truth.

Usage: compare-cdxgen.py CDXGEN OCISC_CMD...   (OCISC_CMD: e.g. `java -cp CP dev.ocisc.cli.Main`)
Ground truth: Nix images = nix-store -qR of the closure they were built from (testdata/nix/truth);
Debian = dpkg-query -W in the rootfs; distroless = the status.d stanzas; Alpine = the apk database's P:/V:;
nix-snapshotter = the store paths its layer annotations name (checked equal to the closure); the Go service
image (built here as README's "Go" section does: nix-build testdata/go, make-nix-image.py) = the mod and dep
lines of `go version -m` on its binary, and only Go modules are compared there.
Packages are compared as ecosystem:name@version, Go modules as go:path@version (a "(devel)" main module by
path alone); store paths by their full path (cdxgen: by purl name).
cdxgen takes an OCI layout directory for a root file system (it scans index.json and blobs/ as files), so
layouts are handed to it as docker-archives made by skopeo; the nix-snapshotter layout as an oci-archive, the
one form that keeps its layer annotations.
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


def go_key(path, version):
    return "go:" + path if version in ("", "(devel)") else "go:%s@%s" % (path, version)


def snapshotter_paths(layout):
    def blob(d):
        return os.path.join(layout, "blobs", "sha256", d.split(":")[1])
    man = json.load(open(blob(json.load(open(os.path.join(layout, "index.json")))["manifests"][0]["digest"])))
    return {"nix:" + v for l in man["layers"] for k, v in l.get("annotations", {}).items()
            if k.startswith("containerd.io/snapshot/nix-store-path.")}


tmp = tempfile.mkdtemp()
snap = snapshotter_paths(os.path.join(T, "oci/nix-snapshotter"))
assert snap == closure, "nix-snapshotter annotations differ from the closure: %s" % (snap ^ closure)

# The Go service image, made as README's "Go" section makes it; truth from Go's own reading of the binary.
NIX = ["--option", "sandbox", "false", "--option", "build-users-group", "", "--option", "substituters", ""]
svc = os.path.join(tmp, "hello-svc")
subprocess.run(["nix-build", *NIX, os.path.join(T, "go"), "-A", "hello-svc", "-o", svc], check=True,
               stdout=subprocess.DEVNULL)
with open(os.path.join(tmp, "closure.txt"), "w") as f:
    subprocess.run(["nix-store", "--option", "build-users-group", "", "-qR", svc], check=True, stdout=f)
subprocess.run(["python3", os.path.join(T, "oci/make-nix-image.py"), "/", os.path.join(tmp, "closure.txt"),
                os.path.join(tmp, "hello-svc.tar.gz"), "--app", "hello-svc-0.3.1"], check=True)
gomods = set()
for l in subprocess.run(["go", "version", "-m", os.path.join(svc, "bin/hello-svc")], check=True,
                        capture_output=True, text=True).stdout.splitlines():
    f = l.split()
    if f and f[0] in ("mod", "dep"):
        gomods.add(go_key(f[1], f[2] if len(f) > 2 else ""))

IMAGES = [  # (label, path, form for cdxgen, truth)
    ("Nix dockerTools .tar.gz", "oci/nix-greeter.tar.gz", None, closure),
    ("Nix image + db.sqlite, .tar.zst", "oci/nix-greeter-db.tar.zst", None, closure),
    ("Nix closure, umoci layout", "oci/nix-umoci", "layout", closure),
    ("Debian subset, docker-archive", "oci/debian.docker.tar", None, deb),
    ("Debian subset, oci-archive", "oci/debian.oci.tar", None, deb),
    ("distroless status.d, layout", "oci/distroless", "layout", distroless),
    ("Alpine apk, layout", "oci/alpine", "layout", apk),
    ("nix-snapshotter annotations, layout", "oci/nix-snapshotter", "oci-archive", snap),
    ("Go service (Nix), .tar.gz: Go modules", os.path.join(tmp, "hello-svc.tar.gz"), None, gomods),
]


def keys(bom):
    out = set()
    for c in bom.get("components", []):
        ref, purl = c.get("bom-ref", ""), c.get("purl") or ""
        props = {p["name"]: p["value"] for p in c.get("properties", [])}
        if "golang:main_module" in props:  # ocisc names a binary's main module on its store path
            out.add(go_key(props["golang:main_module"], props.get("golang:main_version", "")))
        if purl.startswith("pkg:golang/"):
            body = purl[len("pkg:golang/"):].split("?")[0].split("#")[0]
            name, _, ver = body.partition("@")
            out.add(go_key(urllib.parse.unquote(name), urllib.parse.unquote(ver)))
        elif ref.startswith("/nix/store/"):
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


def scope(got, truth):
    """Only Go modules are compared where the truth is Go's build info."""
    return {k for k in got if k.startswith("go:")} if all(k.startswith("go:") for k in truth) else got


print("| image | truth | tool | found | false pos. | false neg. | median s |")
print("|---|---|---|---|---|---|---|")
for label, rel, form, truth in IMAGES:
    path = os.path.join(T, rel)
    r, t = timed(ocisc + ["sbom", path, "-o", os.path.join(tmp, "ocisc.json")])
    got = scope(keys(json.load(open(os.path.join(tmp, "ocisc.json")))), truth) if r.returncode == 0 else set()
    print(f"| {label} | {len(truth)} | ocisc | {len(got & truth)} | {len(got - truth)} | {len(truth - got)} | {t:.2f} |")
    target = path
    if form in ("layout", "oci-archive"):
        kind = "docker-archive" if form == "layout" else "oci-archive"
        target = os.path.join(tmp, os.path.basename(rel) + "." + kind + ".tar")
        if os.path.exists(target):
            os.remove(target)
        subprocess.run(["skopeo", "copy", "-q", "oci:" + path, kind + ":" + target], check=True)
    out = os.path.join(tmp, "cdxgen.json")
    if os.path.exists(out):
        os.remove(out)
    r, t = timed([cdxgen, "-t", "docker", "-o", out, target], env=dict(os.environ, CDXGEN_DEBUG_MODE=""))
    got = scope(keys(json.load(open(out))), truth) if os.path.exists(out) else set()
    if r.returncode != 0 or not os.path.exists(out):
        msg = (r.stderr or r.stdout).decode(errors="replace").strip().splitlines()
        print(f"<!-- cdxgen exit {r.returncode} on {label}: {msg[-1][:300] if msg else ''} -->")
    fp = sorted(got - truth)
    print(f"| {label} | {len(truth)} | cdxgen | {len(got & truth)} | {len(fp)} | {len(truth - got)} | {t:.2f} |"
          + ("" if not fp else "  <!-- FP: " + ", ".join(fp)[:300] + " -->"))
