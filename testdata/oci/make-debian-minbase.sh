#!/usr/bin/env bash
# Makes a real Debian minbase image for the ground-truth test: debootstrap --variant=minbase into
# OUTDIR/rootfs, then an OCI layout OUTDIR/image with umoci, and OUTDIR/dpkg-query.txt, what dpkg itself
# says is installed. Too large to commit (about 200 MB), so the tests run this into their build directory
# and reuse it. Needs root, debootstrap and umoci; the Debian mirror is the one this machine's apt uses.
# Usage: make-debian-minbase.sh OUTDIR [SUITE]
set -euo pipefail
out=${1:?usage: make-debian-minbase.sh OUTDIR [SUITE]}
suite=${2:-bookworm}
if [ -f "$out/dpkg-query.txt" ] && [ -d "$out/image" ]; then
  exit 0
fi
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
if [ -z "$mirror" ]; then
  mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
fi
[ -n "$mirror" ] || { echo "make-debian-minbase: no Debian mirror in this machine's apt sources" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
debootstrap --variant=minbase "$suite" "$out/rootfs" "$mirror" > "$out/debootstrap.log" 2>&1 \
  || { tail -5 "$out/debootstrap.log" >&2; exit 1; }
dpkg-query -W --admindir="$out/rootfs/var/lib/dpkg" -f '${Package}\t${Version}\t${Architecture}\n' \
  | sort > "$out/dpkg-query.tmp"
umoci init --layout "$out/image" > /dev/null
umoci new --image "$out/image:minbase"
umoci insert --image "$out/image:minbase" "$out/rootfs" / > /dev/null
mv "$out/dpkg-query.tmp" "$out/dpkg-query.txt"
