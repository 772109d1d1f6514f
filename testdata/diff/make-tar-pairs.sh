#!/usr/bin/env bash
# Builds pairs of tar archives with GNU tar, gzip and zstd, each pair differing by exactly one kind of drift.
# Usage: make-tar-pairs.sh OUTDIR   -> OUTDIR/<kind>.a.<ext> and OUTDIR/<kind>.b.<ext>
# The tests run this script into a temporary directory; nothing it makes is committed.
set -euo pipefail
out=$(realpath "$1")
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 022
export TZ=UTC LC_ALL=C

. "$(dirname "$0")/src-tree.sh"

# The reference writer: deterministic GNU tar.
tar_det() { # SRC OUT [extra tar options...]
  local src=$1 dst=$2; shift 2
  tar --sort=name --owner=0 --group=0 --numeric-owner --format=gnu "$@" -C "$src" -cf "$dst" .
}

mk_src "$work/base"
tar_det "$work/base" "$work/base.tar"

# identical: the same tree written twice
tar_det "$work/base" "$out/identical.a.tar"
tar_det "$work/base" "$out/identical.b.tar"

# mtime: one file touched later
cp -a "$work/base" "$work/mtime"
touch -d @1700003600 "$work/mtime/etc/demo.conf"
cp "$work/base.tar" "$out/mtime.a.tar"
tar_det "$work/mtime" "$out/mtime.b.tar"

# content: one byte of the config changed, same size, same mtime
cp -a "$work/base" "$work/content"
printf 'name=demo\nversion=1.1\nbuilt=yes\n' > "$work/content/etc/demo.conf"
touch -d @1700000000 "$work/content/etc/demo.conf"
cp "$work/base.tar" "$out/content.a.tar"
tar_det "$work/content" "$out/content.b.tar"

# mode: the config group-writable, as umask 002 leaves it
cp -a "$work/base" "$work/mode"
chmod 0664 "$work/mode/etc/demo.conf"
cp "$work/base.tar" "$out/mode.a.tar"
tar_det "$work/mode" "$out/mode.b.tar"

# owner: the building user recorded instead of root
cp "$work/base.tar" "$out/owner.a.tar"
tar --sort=name --owner=1000 --group=1000 --numeric-owner --format=gnu -C "$work/base" -cf "$out/owner.b.tar" .

# order: the same entries, listed in reverse name order (directories still before their contents is not
# required by tar; extraction order does not change what is extracted here)
cp "$work/base.tar" "$out/order.a.tar"
(cd "$work/base" && find . -mindepth 1 | LC_ALL=C sort -r > "$work/order.list")
tar --no-recursion --owner=0 --group=0 --numeric-owner --format=gnu -C "$work/base" -cf "$out/order.b.tar" \
  . -T "$work/order.list"

# tar format: ustar (long names through the prefix field) vs GNU (././@LongLink)
cp "$work/base.tar" "$out/format.a.tar"
tar --sort=name --owner=0 --group=0 --numeric-owner --format=ustar -C "$work/base" -cf "$out/format.b.tar" .

# end marker: the same archive cut right after its last entry (as Debian's umoci 0.4.7 insert writes)
cp "$work/base.tar" "$out/endmarker.a.tar"
last_end=$(python3 - "$work/base.tar" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
off = 0
end = 0
while off + 512 <= len(data):
    h = data[off:off+512]
    if h == b'\0' * 512:
        break
    size = int(h[124:136].rstrip(b'\0 ').decode() or '0', 8)
    off += 512 + (size + 511) // 512 * 512
    end = off
print(end)
PY
)
head -c "$last_end" "$work/base.tar" > "$out/endmarker.b.tar"

# gzip level: -9 vs -1, both with -n (no name, no time)
gzip -n -9 -c "$work/base.tar" > "$out/gzip-level.a.tar.gz"
gzip -n -1 -c "$work/base.tar" > "$out/gzip-level.b.tar.gz"

# gzip header: -n vs the default, which stores the file name and its mtime
cp "$work/base.tar" "$work/layer.tar"
touch -d @1700000000 "$work/layer.tar"
gzip -n -c "$work/layer.tar" > "$out/gzip-header.a.tar.gz"
(cd "$work" && gzip -c layer.tar > "$out/gzip-header.b.tar.gz")

# zstd vs gzip of the same tar
gzip -n -c "$work/base.tar" > "$out/zstd.a.tar.gz"
zstd -q -3 -c "$work/base.tar" > "$out/zstd.b.tar.zst"

# zstd level: only the frame parameters (window) and the compressed stream differ
zstd -q -1 -c "$work/base.tar" > "$out/zstd-level.a.tar.zst"
zstd -q -19 -c "$work/base.tar" > "$out/zstd-level.b.tar.zst"
