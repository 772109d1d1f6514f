#!/usr/bin/env bash
# Builds pairs of OCI images with umoci, skopeo, GNU tar, gzip and zstd, each pair differing by exactly one kind
# of drift. Usage: make-image-pairs.sh OUTDIR -> OUTDIR/<kind>.a and OUTDIR/<kind>.b (OCI layout directories,
# or archives where the pair is about an archive form). The tests run this into a temporary directory.
set -euo pipefail
out=$(realpath "$1")
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 022
export TZ=UTC LC_ALL=C
CREATED=2024-01-01T00:00:00Z

. "$(dirname "$0")/src-tree.sh"

# An image of one layer holding SRC, every time pinned, so that two builds give the same digests.
build() { # LAYOUT SRC [umoci insert options...]
  local layout=$1 src=$2; shift 2
  umoci init --layout "$layout"
  umoci new --image "$layout:latest"
  umoci config --image "$layout:latest" --no-history --created "$CREATED" --config.cmd /usr/bin/hello
  umoci insert --image "$layout:latest" --history.created "$CREATED" --history.created_by "ocisc fixture" \
    "$@" "$src" /
  umoci gc --layout "$layout"
}

# Rewrites a layout's single image; manifest and index.json follow. Python only edits the JSON, keeping Go's
# compact key order.
#   relayer LAYOUT INDEX BLOB MEDIATYPE TAR: layer INDEX replaced by BLOB (media type MT, DiffID of TAR)
#   reconfig LAYOUT: the config bytes gain a trailing newline (or lose the one they have)
edit_layout() { # OPERATION LAYOUT [ARGS...]
  python3 - "$@" <<'EOF'
import hashlib, json, os, shutil, sys
op, layout = sys.argv[1], sys.argv[2]
def sha(p):
    h = hashlib.sha256()
    with open(p, 'rb') as f:
        for c in iter(lambda: f.read(1 << 20), b''):
            h.update(c)
    return h.hexdigest()
def put(data):
    d = hashlib.sha256(data).hexdigest()
    with open(os.path.join(layout, 'blobs/sha256', d), 'wb') as f:
        f.write(data)
    return 'sha256:' + d, len(data)
def load(digest):
    with open(os.path.join(layout, 'blobs/sha256', digest.split(':')[1]), 'rb') as f:
        return f.read()
idx = json.load(open(os.path.join(layout, 'index.json')))
man = json.loads(load(idx['manifests'][0]['digest']))
raw = load(man['config']['digest'])
if op == 'relayer':
    i, blob, mt, tar = int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
    cfg = json.loads(raw)
    bd = sha(blob)
    shutil.copyfile(blob, os.path.join(layout, 'blobs/sha256', bd))
    man['layers'][i] = {'mediaType': mt, 'digest': 'sha256:' + bd, 'size': os.path.getsize(blob)}
    cfg['rootfs']['diff_ids'][i] = 'sha256:' + sha(tar)
    cb = json.dumps(cfg, separators=(',', ':')).encode() + (b'\n' if raw.endswith(b'\n') else b'')
    man['config']['digest'], man['config']['size'] = put(cb)
else:
    man['config']['digest'], man['config']['size'] = put(raw + b'\n' if not raw.endswith(b'\n') else raw.rstrip(b'\n'))
idx['manifests'][0]['digest'], idx['manifests'][0]['size'] = put(json.dumps(man, separators=(',', ':')).encode())
json.dump(idx, open(os.path.join(layout, 'index.json'), 'w'), separators=(',', ':'))
EOF
}
relayer() { edit_layout relayer "$@"; }
reconfig() { edit_layout reconfig "$@"; }

tar_det() { # SRC OUT [tar options...]: the reference writer
  local src=$1 dst=$2; shift 2
  tar --sort=name --owner=0 --group=0 --numeric-owner --format=gnu "$@" -C "$src" -cf "$dst" .
}

# A pair that differs only in how layer 0 is written: both sides get a layer made here (TAR_A/TAR_B, compressed
# by the given commands), so that umoci's own tar writer is not part of the comparison.
tar_pair() { # KIND TAR_A COMPRESS_A MT_A TAR_B COMPRESS_B MT_B
  local kind=$1
  for side in a b; do
    local t c m
    if [ $side = a ]; then t=$2 c=$3 m=$4; else t=$5 c=$6 m=$7; fi
    cp -a "$work/base" "$out/$kind.$side"
    (cd "$work" && eval "$c" < "$t" > "$work/blob")
    relayer "$out/$kind.$side" 0 "$work/blob" "$m" "$t"
  done
}

GZ=application/vnd.oci.image.layer.v1.tar+gzip
ZS=application/vnd.oci.image.layer.v1.tar+zstd

mk_src "$work/src"
build "$work/base" "$work/src"

# identical: the same build twice; and the same image as a layout and as an oci-archive (skopeo)
build "$out/identical.a" "$work/src"
build "$out/identical.b" "$work/src"
cp -a "$work/base" "$out/forms.a"
skopeo copy -q "oci:$work/base:latest" "oci-archive:$out/forms.b.tar:latest"

# mtime: one file touched later
cp -a "$work/src" "$work/mtime"; touch -d @1700003600 "$work/mtime/etc/demo.conf"
cp -a "$work/base" "$out/mtime.a"; build "$out/mtime.b" "$work/mtime"

# content: one byte of one file
cp -a "$work/src" "$work/content"; printf 'name=demo\nversion=1.1\nbuilt=yes\n' > "$work/content/etc/demo.conf"
stamp "$work/content"
cp -a "$work/base" "$out/content.a"; build "$out/content.b" "$work/content"

# mode: group-writable, as umask 002 leaves it
cp -a "$work/src" "$work/mode"; chmod 0664 "$work/mode/etc/demo.conf"
cp -a "$work/base" "$out/mode.a"; build "$out/mode.b" "$work/mode"

# owner: a file owned by the building user instead of root
cp -a "$work/src" "$work/owner"; chown 1000:1000 "$work/owner/etc/demo.conf"
cp -a "$work/base" "$out/owner.a"; build "$out/owner.b" "$work/owner"

# The layers of the next pairs are written by GNU tar, the same tree each time.
tar_det "$work/src" "$work/sorted.tar"
# entry order: the same entries, reversed
for o in sorted reversed; do
  (cd "$work/src" && find . -mindepth 1 | if [ $o = sorted ]; then sort; else sort -r; fi > "$work/$o.list")
  tar --no-recursion --owner=0 --group=0 --numeric-owner --format=gnu -C "$work/src" -cf "$work/$o-list.tar" \
    -T "$work/$o.list"
done
tar_pair order "$work/sorted-list.tar" "gzip -n -6" $GZ "$work/reversed-list.tar" "gzip -n -6" $GZ
# gzip level: -6 vs -9 (XFL)
tar_pair gzip-level "$work/sorted.tar" "gzip -n -6" $GZ "$work/sorted.tar" "gzip -n -9" $GZ
# gzip header: -n vs a name and time recorded (gzip of a named file keeps FNAME and MTIME)
cp "$work/sorted.tar" "$work/layer.tar"; touch -d @1700000000 "$work/layer.tar"
tar_pair gzip-header "$work/sorted.tar" "gzip -n -6" $GZ "$work/sorted.tar" "gzip -6 -c layer.tar" $GZ
# zstd vs gzip
tar_pair zstd "$work/sorted.tar" "gzip -n -6" $GZ "$work/sorted.tar" "zstd -q -3 -c" $ZS
# tar format: GNU long names vs ustar prefix
tar_det "$work/src" "$work/ustar.tar" --format=ustar
tar_pair tar-format "$work/sorted.tar" "gzip -n -6" $GZ "$work/ustar.tar" "gzip -n -6" $GZ

# history: another comment on the layer's history entry
cp -a "$work/base" "$out/history.a"; build "$out/history.b" "$work/src" --history.comment "rebuilt"

# created: another config creation time
cp -a "$work/base" "$out/created.a"; cp -a "$work/base" "$out/created.b"
umoci config --image "$out/created.b:latest" --no-history --created 2024-06-01T12:00:00Z
umoci gc --layout "$out/created.b"

# layer count: one layer vs the same file system in two (a stray file added, then whited out)
cp -a "$work/base" "$out/layers.a"
cp -a "$work/src" "$work/stray"; printf 'scratch\n' > "$work/stray/etc/stray.tmp"; stamp "$work/stray"
build "$out/layers.b" "$work/stray"
umoci insert --image "$out/layers.b:latest" --no-history --whiteout /etc/stray.tmp
umoci gc --layout "$out/layers.b"

# relayered with content drift: B has the same tree in two layers, its second layer replacing a text file and a
# binary with changed copies, so the flattened comparison must read each changed file from B's second layer
cp -a "$work/base" "$out/relayered.a"; cp -a "$work/base" "$out/relayered.b"
printf 'name=demo\nversion=1.1\nbuilt=yes\n' > "$work/demo.conf"
printf '\x7fELF\x02\x01\x01\x00binary-payload-0123456789\x00\x01\x03' > "$work/tool"
chmod 0644 "$work/demo.conf"; chmod 0755 "$work/tool"; touch -d @1700000000 "$work/demo.conf" "$work/tool"
umoci insert --image "$out/relayered.b:latest" --no-history "$work/demo.conf" /etc/demo.conf
umoci insert --image "$out/relayered.b:latest" --no-history "$work/tool" /usr/bin/tool
umoci gc --layout "$out/relayered.b"

# whiteout: a second layer that deletes another file
for side in a b; do cp -a "$work/base" "$out/whiteout.$side"; done
umoci insert --image "$out/whiteout.a:latest" --no-history --whiteout /usr/bin/tool
umoci insert --image "$out/whiteout.b:latest" --no-history --whiteout /usr/bin/hi
umoci gc --layout "$out/whiteout.a"; umoci gc --layout "$out/whiteout.b"

# config serialization: the same config with a trailing newline
cp -a "$work/base" "$out/newline.a"; cp -a "$work/base" "$out/newline.b"
reconfig "$out/newline.b"
umoci gc --layout "$out/newline.b"

# multi-platform indexes (as testdata/oci/regen.sh builds its two-platform index): one image per architecture
# in one layout, the index entries given their platforms. multi: the same two platforms, drift (one file's
# content) in linux/arm64 only; multi-extra: B also has linux/s390x.
multi() { # LAYOUT ARCH=SRC...
  local layout=$1 spec arch src; shift
  umoci init --layout "$layout"
  for spec in "$@"; do
    arch=${spec%%=*} src=${spec#*=}
    umoci new --image "$layout:$arch"
    umoci config --image "$layout:$arch" --no-history --created "$CREATED" --os linux --architecture "$arch" \
      --config.cmd /usr/bin/hello
    umoci insert --image "$layout:$arch" --history.created "$CREATED" --history.created_by "ocisc fixture" \
      "$src" /
  done
  umoci gc --layout "$layout"
  python3 - "$layout" <<'PY'
import json, sys
p = sys.argv[1] + '/index.json'
idx = json.load(open(p))
for m in idx['manifests']:
    m['platform'] = {'architecture': m['annotations']['org.opencontainers.image.ref.name'], 'os': 'linux'}
idx['manifests'].sort(key=lambda m: m['platform']['architecture'])
json.dump(idx, open(p, 'w'), separators=(',', ':'))
PY
}
multi "$out/multi.a" amd64="$work/src" arm64="$work/src"
multi "$out/multi.b" amd64="$work/src" arm64="$work/content"
multi "$out/multi-extra.a" amd64="$work/src" arm64="$work/src"
multi "$out/multi-extra.b" amd64="$work/src" arm64="$work/src" s390x="$work/src"
# multi.b as a whole-compressed oci-archive: the platforms are listed in one pass over the stream
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$out/multi.b" -cf - oci-layout index.json blobs \
  | gzip -n > "$out/multi.b.tar.gz"

# archive forms: docker-archive (skopeo) and a whole-archive .tar.gz as Nix's buildLayeredImage writes
skopeo copy -q "oci:$work/base:latest" "docker-archive:$out/docker.a.tar:demo:latest"
skopeo copy -q "oci:$out/content.b:latest" "docker-archive:$out/docker.b.tar:demo:latest"
gzip -n -c "$out/docker.a.tar" > "$out/nix.a.tar.gz"
gzip -n -c "$out/docker.b.tar" > "$out/nix.b.tar.gz"
# the relayered pair as whole-compressed docker-archives: content is captured in one pass over the stream
for side in a b; do
  skopeo copy -q "oci:$out/relayered.$side:latest" "docker-archive:$work/relayered.$side.tar:demo:latest"
  gzip -n -c "$work/relayered.$side.tar" > "$out/relayered.$side.tar.gz"
done

# verify image: an image whose dpkg database records two packages (the format dpkg writes), for the SBOM check
cp -a "$work/src" "$work/gate"; mkdir -p "$work/gate/var/lib/dpkg"
cat > "$work/gate/var/lib/dpkg/status" <<'STATUS'
Package: demo-tool
Status: install ok installed
Architecture: amd64
Version: 1.0-1
Description: the demo tool

Package: libdemo
Status: install ok installed
Architecture: amd64
Version: 2.3-4
Description: the demo library

Package: removed-thing
Status: deinstall ok config-files
Architecture: amd64
Version: 0.1
Description: gone, only its configuration remains
STATUS
stamp "$work/gate"
# The layer is GNU tar's: the catalog (commons-compress) refuses umoci 0.4.7's layers, which end without padding.
tar_det "$work/gate" "$work/gate.tar"
gzip -n -c "$work/gate.tar" > "$work/gate.tar.gz"
cp -a "$work/base" "$out/gate.a"
relayer "$out/gate.a" 0 "$work/gate.tar.gz" $GZ "$work/gate.tar"
umoci gc --layout "$out/gate.a"
# the same image with one label added: a rebuild that is not reproducible
cp -a "$out/gate.a" "$out/gate.b"
umoci config --image "$out/gate.b:latest" --no-history --config.label stage=rebuilt
umoci gc --layout "$out/gate.b"
