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
pairs=()
for i in $(seq 0 $((layers-1))); do pairs+=("$tmp/l$i.tar" "$tmp/l$i.tar.gz"); done
"$(dirname "$0")/write-layout.py" "$out" "${pairs[@]}"
du -sh "$out" >&2
