#!/usr/bin/env bash
# Side by side: `ocisc diff` and diffoscope on the tar pairs and image pairs that testdata/diff/make-*-pairs.sh
# build (each pair holds exactly one kind of drift, or none). For each pair and tool: exit code (did it see a
# difference?), whether its report names what drifted (the NEEDLE below, a file or a field value), what it
# says the drift is (ocisc: its drift classes; diffoscope: the sections of its tree that differ), wall time.
# On layout directories diffoscope runs with --exclude-directory-metadata=yes: without it, two identical layouts
# differ by the mtimes of the directories themselves, which say nothing about the images ("recursive" would also
# hide the metadata of the files inside the layer tars, so it is not used).
# Usage: bench/diff/compare-diffoscope.sh [OUTDIR]   (needs diffoscope, and what the pair scripts need)
# Prints a Markdown table; full reports are kept in OUTDIR/reports/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
out=${1:-/tmp/ocisc-bench/diffoscope}
command -v diffoscope >/dev/null || { echo "diffoscope is not installed (apt-get install -y diffoscope)" >&2; exit 4; }
rm -rf "$out"; mkdir -p "$out/tar" "$out/img" "$out/reports"
bash "$root/testdata/diff/make-tar-pairs.sh" "$out/tar" >/dev/null 2>&1
bash "$root/testdata/diff/make-image-pairs.sh" "$out/img" >/dev/null 2>&1
"$root/ocisc" --version >/dev/null   # builds the jar once, outside the timings

# PAIR A B NEEDLE: NEEDLE is an extended regex for what drifted, "-" where no single file or value did (the
# drift is in the encoding), "=" for a pair that must be reported identical.
pairs=(
  "tar/identical identical.a.tar identical.b.tar ="
  "tar/mtime mtime.a.tar mtime.b.tar demo\.conf"
  "tar/content content.a.tar content.b.tar demo\.conf"
  "tar/mode mode.a.tar mode.b.tar demo\.conf"
  "tar/owner owner.a.tar owner.b.tar 1000"
  "tar/order order.a.tar order.b.tar -"
  "tar/format format.a.tar format.b.tar -"
  "tar/endmarker endmarker.a.tar endmarker.b.tar -"
  "tar/gzip-level gzip-level.a.tar.gz gzip-level.b.tar.gz -"
  "tar/gzip-header gzip-header.a.tar.gz gzip-header.b.tar.gz -"
  "tar/zstd zstd.a.tar.gz zstd.b.tar.zst -"
  "tar/zstd-level zstd-level.a.tar.zst zstd-level.b.tar.zst -"
  "img/identical identical.a identical.b ="
  "img/forms forms.a forms.b.tar ="
  "img/mtime mtime.a mtime.b demo\.conf"
  "img/content content.a content.b demo\.conf"
  "img/mode mode.a mode.b demo\.conf"
  "img/owner owner.a owner.b demo\.conf"
  "img/order order.a order.b -"
  "img/gzip-level gzip-level.a gzip-level.b -"
  "img/gzip-header gzip-header.a gzip-header.b -"
  "img/zstd zstd.a zstd.b -"
  "img/tar-format tar-format.a tar-format.b -"
  "img/history history.a history.b rebuilt"
  "img/created created.a created.b 2024-06-01"
  "img/layers layers.a layers.b -"
  "img/whiteout whiteout.a whiteout.b \.wh\.hi"
  "img/newline newline.a newline.b -"
  "img/docker docker.a.tar docker.b.tar demo\.conf"
  "img/nix nix.a.tar.gz nix.b.tar.gz demo\.conf"
)

now() { date +%s%N; }
secs() { python3 -c "import sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) / 1e9:.2f}')" "$1" "$2"; }

echo "| pair | ocisc exit | ocisc names it | ocisc classes | ocisc s | diffoscope exit | diffoscope names it | diffoscope sections | diffoscope s |"
echo "|---|---|---|---|---|---|---|---|---|"
for p in "${pairs[@]}"; do
  read -r name a b needle <<<"$p"
  kind=${name%%/*}; A="$out/$kind/$a"; B="$out/$kind/$b"; tag=${name/\//-}
  s=$(now); set +e; "$root/ocisc" diff -f json "$A" "$B" >"$out/reports/$tag.ocisc.json" 2>"$out/reports/$tag.ocisc.err"
  orc=$?; set -e; e=$(now); ot=$(secs "$s" "$e")
  "$root/ocisc" diff "$A" "$B" >"$out/reports/$tag.ocisc.txt" 2>/dev/null || true
  meta=auto; [ -d "$A" ] && meta=yes
  s=$(now); set +e; timeout 600 diffoscope --no-progress --exclude-directory-metadata=$meta --text "$out/reports/$tag.diffoscope.txt" "$A" "$B" \
    >/dev/null 2>"$out/reports/$tag.diffoscope.err"
  drc=$?; set -e; e=$(now); dt=$(secs "$s" "$e")
  classes=$(python3 -c '
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    print(", ".join(c["id"] for c in d["classes"]) or d["verdict"])
except Exception:
    print("(no report)")' "$out/reports/$tag.ocisc.json")
  # diffoscope's tree: the section headers ("├── NAME") that hold the differences, first three, paths relative.
  sections=$(grep -E '^[│ ]*├── ' "$out/reports/$tag.diffoscope.txt" 2>/dev/null | sed -E 's/^[│ ]*├── //' \
    | sed -E "s#^\+\+\+ $out/$kind/[^/]*/?##" | grep -v -x -F -e '' -e 'stat {}' \
    | awk '{ if (length($0) > 60) $0 = substr($0, 1, 57) "..."; print }' | awk '!seen[$0]++' | head -3 \
    | paste -sd ';' - | sed 's/|/\\|/g' || true)
  names() { # REPORT
    case "$needle" in
      =) echo "n/a" ;;
      -) echo "n/a" ;;
      *) if grep -Eq -- "$needle" "$1" 2>/dev/null; then echo yes; else echo no; fi ;;
    esac
  }
  echo "| $name | $orc | $(names "$out/reports/$tag.ocisc.txt") | $classes | $ot | $drc | $(names "$out/reports/$tag.diffoscope.txt") | ${sections:-(none)} | $dt |"
done
