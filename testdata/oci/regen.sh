#!/usr/bin/env bash
# Regenerate the OCI image fixtures in this directory with real tools (umoci, skopeo, dpkg-query, zstd).
#   nix-greeter.tar.gz        Nix image in dockerTools' buildLayeredImage format (make-nix-image.py), from the
#                             runtime closure of testdata/nix; references must be found by scanning
#   nix-greeter.tar           the same uncompressed, as streamLayeredImage writes it (skopeo reads this one)
#   nix-greeter-db.tar.zst    the same plus /nix/var/nix/db/db.sqlite, compressed as a whole with zstd
#   debian/                   OCI layout (umoci): a tiny Debian rootfs whose var/lib/dpkg/status is a subset of
#                             this machine's (7 packages); layer 2 deletes a file (umoci writes a whiteout)
#   debian.oci.tar            the same image as an oci-archive (skopeo)
#   debian.docker.tar         the same image as a docker-archive (skopeo)
#   docker25.tar              Docker >= 25's combined save: the OCI layout plus manifest.json in one tar
#   distroless/               OCI layout: var/lib/dpkg/status.d/<pkg>, as distroless images have it
#   alpine/                   OCI layout: lib/apk/db/installed with three packages
#   nix-umoci/                OCI layout (umoci) of a rootfs holding the testdata/nix runtime closure in /nix/store
#   nix-snapshotter/          OCI layout shaped as nix-snapshotter writes it (make-nix-snapshotter.sh)
#   multiarch/                OCI layout whose index names two platforms (linux/amd64, linux/arm64)
#   truth/                    ground truth printed by the tools (dpkg-query, nix-store via testdata/nix/truth)
# Requirements: umoci, skopeo, dpkg-query, python3, zstd. Runs offline; any user who can write here.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$HERE"
for t in umoci skopeo dpkg-query python3 zstd; do command -v $t >/dev/null || { echo "missing $t" >&2; exit 1; }; done
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
rm -rf debian distroless alpine multiarch nix-umoci truth debian.oci.tar debian.docker.tar docker25.tar nix-greeter.tar nix-greeter.tar.gz nix-greeter-db.tar.zst
mkdir -p truth

# --- Nix images ---------------------------------------------------------------------------------------
python3 make-nix-image.py ../nix/store ../nix/truth/runtime-closure.txt nix-greeter.tar.gz
python3 make-nix-image.py ../nix/store ../nix/truth/runtime-closure.txt nix-greeter.tar   # streamLayeredImage output
skopeo inspect -n docker-archive:nix-greeter.tar >/dev/null   # the uncompressed stream is a docker-archive skopeo reads
python3 make-nix-image.py ../nix/store ../nix/truth/runtime-closure.txt "$TMP/nix-db.tar" --with-db
zstd -q -19 "$TMP/nix-db.tar" -o nix-greeter-db.tar.zst

# --- helper: one umoci image from a rootfs directory, optional second layer by a shell snippet ------------
umoci_image() { # layout-dir tag rootfs [arch] [second-layer-snippet]
  local layout=$1 tag=$2 rootfs=$3 arch=${4:-amd64} second=${5:-}
  [ -d "$layout" ] || umoci init --layout "$layout"
  umoci new --image "$layout:$tag"
  umoci config --image "$layout:$tag" --architecture "$arch" --os linux --author ocisc-testdata \
    --created 2024-01-01T00:00:00Z
  local b="$TMP/bundle-$tag"; rm -rf "$b"
  umoci unpack --rootless --image "$layout:$tag" "$b"
  cp -a "$rootfs/." "$b/rootfs/"
  umoci repack --refresh-bundle --image "$layout:$tag" --history.created 2024-01-01T00:00:00Z --history.comment "rootfs" "$b"
  if [ -n "$second" ]; then
    (cd "$b/rootfs" && eval "$second")
    umoci repack --image "$layout:$tag" --history.created 2024-01-01T00:00:00Z --history.comment "change" "$b"
  fi
  rm -rf "$b"
}

# --- Debian: a subset of this machine's dpkg database --------------------------------------------------
PKGS="base-files libc6 zlib1g tzdata libzstd1 ca-certificates debianutils"
R="$TMP/debian-rootfs"; mkdir -p "$R/var/lib/dpkg" "$R/etc" "$R/usr/share/doc"
python3 - "$R/var/lib/dpkg/status" $PKGS <<'PY'
import sys
want = set(sys.argv[2:])
stanzas = open("/var/lib/dpkg/status", encoding="utf-8").read().split("\n\n")
keep = [s.strip("\n") for s in stanzas if any(l == "Package: " + p for l in s.splitlines() for p in want)]
open(sys.argv[1], "w", encoding="utf-8").write("\n\n".join(keep) + "\n")
PY
cp /etc/os-release "$R/etc/os-release"; cp /etc/debian_version "$R/etc/debian_version"
echo "to be deleted" > "$R/etc/obsolete.conf"
umoci_image debian latest "$R" amd64 'rm etc/obsolete.conf; echo hello > etc/motd'
umoci gc --layout debian
dpkg-query --admindir="$R/var/lib/dpkg" -W -f '${Package}\t${Version}\t${Architecture}\n' | sort > truth/debian-dpkg-query.txt
skopeo copy -q oci:debian:latest oci-archive:debian.oci.tar:latest
skopeo copy -q oci:debian:latest docker-archive:debian.docker.tar:debian:subset

# Docker >= 25 `docker save` writes an OCI layout and manifest.json into one tar; made here from the layout.
python3 - debian docker25.tar <<'PY'
import io, json, os, sys, tarfile
layout, out = sys.argv[1], sys.argv[2]
idx = json.load(open(os.path.join(layout, "index.json")))
man = json.load(open(os.path.join(layout, "blobs/sha256", idx["manifests"][0]["digest"].split(":")[1])))
docker = [{"Config": "blobs/sha256/" + man["config"]["digest"].split(":")[1], "RepoTags": ["debian:subset"],
           "Layers": ["blobs/sha256/" + l["digest"].split(":")[1] for l in man["layers"]]}]
with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as t:
    for dirpath, dirs, files in sorted(os.walk(layout)):
        dirs.sort()
        for f in sorted(files):
            full = os.path.join(dirpath, f)
            t.add(full, arcname=os.path.relpath(full, layout), recursive=False)
    data = json.dumps(docker).encode()
    ti = tarfile.TarInfo("manifest.json"); ti.size = len(data); ti.mtime = 1
    t.addfile(ti, io.BytesIO(data))
PY

# --- distroless-style status.d -------------------------------------------------------------------------
R="$TMP/distroless-rootfs"; mkdir -p "$R/var/lib/dpkg/status.d"
python3 - "$R/var/lib/dpkg/status.d" base-files libc6 tzdata <<'PY'
import sys, os
want = set(sys.argv[2:])
for s in open("/var/lib/dpkg/status", encoding="utf-8").read().split("\n\n"):
    for l in s.splitlines():
        if l.startswith("Package: ") and l[9:] in want:
            open(os.path.join(sys.argv[1], l[9:]), "w", encoding="utf-8").write(s.strip("\n") + "\n")
PY
umoci_image distroless latest "$R"
umoci gc --layout distroless
for f in "$R"/var/lib/dpkg/status.d/*; do
  awk -F': ' '/^Package:/{p=$2} /^Version:/{v=$2} /^Architecture:/{a=$2} END{print p"\t"v"\t"a}' "$f"
done | sort > truth/distroless-status-d.txt

# --- Alpine apk database (format of apk-tools' lib/apk/db/installed) -----------------------------------
R="$TMP/alpine-rootfs"; mkdir -p "$R/lib/apk/db" "$R/etc"
cat > "$R/lib/apk/db/installed" <<'APK'
C:Q1gDz3Y7XkzCSb7yQcYyVxqb8bV4s=
P:musl
V:1.2.4-r2
A:x86_64
S:383152
I:622592
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Timo Teräs <timo.teras@iki.fi>
t:1698149047
c:a8cf56d1e4c1ed5ac5a72c1fb3fcd2dcf4e3bb32
p:so:libc.musl-x86_64.so.1=1
F:lib
R:ld-musl-x86_64.so.1

C:Q1RDf2bEEsXDRWb5J8ZgqK5gL7XcQ=
P:busybox
V:1.36.1-r5
A:x86_64
S:509640
I:958464
T:Size optimized toolbox of many common UNIX utilities
U:https://busybox.net/
L:GPL-2.0-only
o:busybox
t:1698149047
D:so:libc.musl-x86_64.so.1
F:bin
R:busybox

C:Q1Ol4RzKZRLZ3TQ3i1JaV9JxLRNOg=
P:zlib
V:1.3.1-r0
A:x86_64
S:53573
I:110592
T:A compression/decompression Library
U:https://zlib.net/
L:Zlib
o:zlib
t:1706000000
D:so:libc.musl-x86_64.so.1
F:lib
R:libz.so.1.3.1
APK
printf 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\n' > "$R/etc/os-release"
echo 3.19.1 > "$R/etc/alpine-release"
umoci_image alpine latest "$R"
umoci gc --layout alpine
awk -F: '/^P:/{p=substr($0,3)} /^V:/{print p"\t"substr($0,3)}' "$R/lib/apk/db/installed" | sort > truth/alpine-apk.txt

# --- Nix store paths in an image not built by Nix (umoci: Go's lexical walk, gzip layers) -------------------
R="$TMP/nix-rootfs"; mkdir -p "$R/nix/store"
while read -r p; do cp -a "../nix/store$p" "$R/nix/store/"; done < ../nix/truth/runtime-closure.txt
umoci_image nix-umoci latest "$R"
umoci gc --layout nix-umoci
./make-nix-snapshotter.sh nix-snapshotter

# --- two-platform index ---------------------------------------------------------------------------------
R="$TMP/multi-rootfs"; mkdir -p "$R/etc"; echo amd64 > "$R/etc/arch"
umoci_image multiarch amd64 "$R" amd64
echo arm64 > "$R/etc/arch"
umoci_image multiarch arm64 "$R" arm64
umoci gc --layout multiarch
python3 - multiarch <<'PY'
import json, sys
idx_path = sys.argv[1] + "/index.json"
idx = json.load(open(idx_path))
for m in idx["manifests"]:
    arch = m["annotations"]["org.opencontainers.image.ref.name"]
    m["platform"] = {"os": "linux", "architecture": arch}
idx["manifests"].sort(key=lambda m: m["platform"]["architecture"])
json.dump(idx, open(idx_path, "w"))
PY
echo "done" >&2
