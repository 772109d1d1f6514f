#!/usr/bin/env bash
# Makes a signed release of ocisc: builds and packs it (mvn package), then puts beside the archive in OUT its
# SBOM (ocisc's Maven dependency graph, also inside the archive) and SLSA provenance of the archive, made and
# signed by the ocisc just built.
#   release/make-release.sh --key KEY.pem [--out DIR] [--no-build]
# KEY.pem: a private key as `ocisc keygen` or `openssl genpkey` writes it. --no-build packs nothing and uses the
# archive and jar that an earlier `mvn package` left (what the test does). Verify the result with:
#   ocisc attest verify OUT/ocisc-VERSION.tar.gz.intoto.jsonl --key KEY.pub --artifact OUT/ocisc-VERSION.tar.gz
set -euo pipefail
usage() { echo "usage: $0 --key KEY.pem [--out DIR] [--no-build]" >&2; exit 2; }
key= out= build=1
while [ $# -gt 0 ]; do
  case $1 in
    --key) [ $# -ge 2 ] || usage; key=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    --no-build) build=; shift ;;
    *) usage ;;
  esac
done
[ -n "$key" ] || usage
[ -f "$key" ] || { echo "$0: $key: no such key file" >&2; exit 3; }
root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
out=${out:-$root/release/target/dist}
if [ -n "$build" ]; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi
shopt -s nullglob
archives=("$root"/release/target/ocisc-*.tar.gz)
[ ${#archives[@]} -eq 1 ] \
  || { echo "$0: expected one release/target/ocisc-*.tar.gz, found ${#archives[@]}: run without --no-build" >&2; exit 3; }
archive=${archives[0]}
name=${archive##*/}
version=${name#ocisc-}; version=${version%.tar.gz}
mkdir -p "$out"
cp -f "$archive" "$out/$name"
cp -f "$root/cli/target/ocisc.cdx.json" "$out/ocisc-$version.cdx.json"
# What the build was: the commit (when built from git) and the command. The finish time is the commit's, so
# that the same commit gives the same statement.
commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ]; then
  export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct)}
fi
java -jar "$root/cli/target/ocisc.jar" provenance --artifact "$out/$name" \
  --build-type https://ocisc.dev/buildtypes/maven-release/v1 \
  -P command="mvn -B package" -P commit="$commit" -P version="$version" \
  --sign "$key" -o "$out/$name.intoto.jsonl"
echo "$out/$name"
echo "$out/ocisc-$version.cdx.json"
echo "$out/$name.intoto.jsonl"
