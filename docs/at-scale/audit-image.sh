#!/usr/bin/env bash
# One image, one job: the evidence and the verdicts for one image pinned by digest, written to
# OUT/<hex of the manifest digest>/. The image's digest names the results and ocisc's output is byte-identical for
# the same input, so a job that is retried, run twice or run by two workers at once leaves the same files; a job
# whose results are already there does nothing. Read by docs/at-scale.md; run by AtScaleIT.
#
# usage: audit-image.sh REGISTRY/REPO@sha256:HEX OUT
# environment: OCISC (the ocisc command, default: ocisc on PATH), OCISC_KEY (public key the attestations must be
# signed with), OCISC_POLICY (policy file, docs/policy.md), and what ocisc reads itself (OCISC_AUTHFILE,
# OCISC_CACERT, XDG_CACHE_HOME for the blob cache); DTRACK_URL and DTRACK_API_KEY to upload the SBOM to
# Dependency-Track.
# exit: 0 the image passed its checks; 1 it failed one (results written all the same); 2 usage; 3 the image or the
# registry could not be read; 4 a tool failed.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: audit-image.sh REGISTRY/REPO@sha256:HEX OUT" >&2; exit 2; }
ref=$1
out=$2
case "$ref" in
  *@sha256:*) ;;
  *) echo "audit-image.sh: $ref: pin the image by digest (REPO@sha256:HEX), so that the job's results name it" >&2
     exit 2 ;;
esac
ocisc=${OCISC:-ocisc}
hex=${ref##*@sha256:}
dir=$out/$hex
if [ -f "$dir/verdict" ]; then
  exit "$(cat "$dir/verdict")"   # done before: the same digest gives the same results
fi
mkdir -p "$out"
work=$(mktemp -d "$out/.$hex.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The SBOM of what the image holds; reports of the gates, which report without failing (--exit-code 0) so that every
# report is written; the verdict comes from their JSON.
"$ocisc" sbom "$ref" -q -o cyclonedx-json="$work/sbom.cdx.json" -o spdx-json="$work/sbom.spdx.json"
"$ocisc" verify image "$ref" -q --exit-code 0 -o json="$work/gate.json" -o markdown="$work/gate.md"
"$ocisc" attest verify "$ref" -q --exit-code 0 -o json="$work/attest.json" -o markdown="$work/attest.md"
verdict=0
for report in "$work/gate.json" "$work/attest.json"; do
  grep -q '"verdict" *: *"pass"' "$report" || verdict=1
done
echo "$verdict" > "$work/verdict"

if [ -n "${DTRACK_URL:-}" ]; then
  # Dependency-Track's BOM upload (POST /api/v1/bom, multipart): one project per repository, one version per digest.
  repo=${ref%@*}
  curl -fsS -X POST "$DTRACK_URL/api/v1/bom" -H "X-Api-Key: $DTRACK_API_KEY" \
    -F autoCreate=true -F "projectName=$repo" -F "projectVersion=sha256:$hex" \
    -F "bom=@$work/sbom.cdx.json" > "$work/dtrack-token.json"
fi

# All or nothing: the finished directory appears at once; if another run got there first, its files are these.
mv -T "$work" "$dir" 2>/dev/null || true
trap - EXIT
rm -rf "$work"
exit "$verdict"
