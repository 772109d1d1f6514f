#!/usr/bin/env bash
# Regenerates the README's screenshots of the diff and verify image HTML reports: runs the README's examples in
# a scratch copy of the repository's layout, then has Debian's chromium (graph/src/test/js/browser/check-page.mjs,
# the tests' harness) photograph each page. Usage: docs/screenshots/regen.sh (from the repository root, after
# mvn package).
set -euo pipefail
root=$(realpath "$(dirname "$0")/../..")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
ln -s "$root/ocisc" "$root/testdata" "$root/docs" .
testdata/diff/make-image-pairs.sh pairs > /dev/null
./ocisc diff pairs/relayered.a pairs/relayered.b -f html -o diff.html || [ $? = 1 ]
./ocisc sbom pairs/gate.a -o gate.cdx.json > /dev/null
echo '{"forbidden_licenses": ["GPL-3.0-only"], "require_reproducible": true}' > release.json
./ocisc verify image pairs/gate.a --sbom gate.cdx.json --policy release.json --rebuild pairs/gate.b \
  -f html -o verify-image.html || [ $? = 1 ]
for page in diff verify-image; do
  printf '{"file": "%s", "screenshot": "%s", "full_page": true, "count": [], "search": []}' \
    "$work/$page.html" "$root/docs/screenshots/$page.png" > "$page.spec.json"
  node "$root/graph/src/test/js/browser/check-page.mjs" "$page.spec.json" > /dev/null
done
