#!/usr/bin/env bash
# Regenerate what testdata/go commits besides its sources: src/hello-svc/go.sum (the h1: sums `go mod tidy`
# computes from the module sources Debian ships) and goModules' outputHash in default.nix (the vendor
# directory's NAR hash, nixpkgs' vendorHash). The service itself is built by the tests (dev.ocisc.testing.GoService),
# not committed: a Go binary is megabytes, and building it with the real tools on every run is the point.
# Requirements: golang-go and the golang-*-dev packages listed in .ci/run, python3, nix-bin. Offline.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$HERE"
TMP=$(mktemp -d); trap 'chmod -R u+w "$TMP"; rm -rf "$TMP"' EXIT
MODULES=$(sed -n 's/^  modules = \[ \(.*\) \];$/\1/p' default.nix | tr -d '"')
python3 make-goproxy.py "$TMP/proxy" $MODULES
cp -r src/hello-svc "$TMP/src"; chmod -R u+w "$TMP/src"
(cd "$TMP/src" && rm -f go.sum && HOME=$TMP GOPATH=$TMP/go GOCACHE=$TMP/cache GOPROXY=file://$TMP/proxy GOSUMDB=off \
  GOFLAGS=-mod=mod go mod tidy)
cp "$TMP/src/go.sum" src/hello-svc/go.sum
OPTS=(--option sandbox false --option build-users-group "" --option substituters "")
sed -i 's|outputHash = "sha256-[^"]*";|outputHash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";|' default.nix
got=$(nix-build --no-out-link "${OPTS[@]}" . -A goModules 2>&1 | sed -n 's/^ *got: *\(sha256-[^ ]*\)$/\1/p' || true)
[ -n "$got" ] || { echo "regen.sh: could not learn the vendor hash" >&2; exit 1; }
sed -i "s|sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=|$got|" default.nix
nix-build --no-out-link "${OPTS[@]}" . -A hello-svc
