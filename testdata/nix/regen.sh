#!/usr/bin/env bash
# Regenerate the Nix test fixture in this directory from scratch:
#   result, result-doc            symlinks to the built greeter outputs (/nix/store/...)
#   store/                        relocatable Nix store (nix/store/..., nix/var/nix/db/db.sqlite)
#   derivation-show.json          `nix show-derivation -r <drv>` (Nix 2.8 shape, pretty-printed)
#   derivation-show-v4.json       the same converted to the Nix >= 2.33 shape (to_new_shape.py)
#   path-info.json                `nix path-info --json -r <out>`, read from store/
#   truth/                        ground truth printed by nix-store
#
# Requirements: Debian's nix-bin (tested with 2.8.0), gcc, patch, python3, tar, sed.
# Must run as root (or as a user who can write /nix): it uses the local store
# directly, without a daemon, and works offline (no substituters, no nixpkgs).
# Idempotent: every output is removed first, and the previously built outputs
# are deleted from /nix/store so they really get rebuilt.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$HERE"

die() { echo "regen.sh: $*" >&2; exit 1; }
log() { echo "==> $*" >&2; }

for tool in nix nix-build nix-instantiate nix-store gcc patch python3 tar sed sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool"
done
[ -x /usr/bin/gcc ] || die "/usr/bin/gcc is required (builders use the host compiler)"
[ -x /usr/bin/patch ] || die "/usr/bin/patch is required"

# --- local store setup ---------------------------------------------------------
# Talk to /nix/store directly (no daemon). Nix creates the rest of /nix itself.
unset NIX_REMOTE NIX_STORE_DIR NIX_STATE_DIR
mkdir -p /nix/store /nix/var/nix 2>/dev/null || true
[ -w /nix/var/nix ] || die "/nix/var/nix is not writable; run as root"

NIXOPTS=(
  --option sandbox false
  --option substituters ""
  --option experimental-features nix-command
)
# The default build-users-group is "nixbld"; without that group, build as root.
if ! getent group nixbld >/dev/null 2>&1; then
  NIXOPTS+=(--option build-users-group "")
fi
nixc() { nix "${NIXOPTS[@]}" "$@"; }

TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

STORE="$HERE/store"
RSTORE="local?root=$STORE"

# --- remove old outputs ---------------------------------------------------------
log "removing old outputs"
rm -f result result-*
if [ -e "$STORE" ]; then chmod -R u+w "$STORE"; rm -rf "$STORE"; fi
rm -rf truth
rm -f derivation-show.json derivation-show-v4.json path-info.json

DRV=$(nix-instantiate "${NIXOPTS[@]}" default.nix -A greeter 2>"$TMP/instantiate.log") \
  || { cat "$TMP/instantiate.log" >&2; die "evaluation failed"; }
mapfile -t ALL_DRVS < <(nix-store -qR "$DRV" | grep '\.drv$')
mapfile -t ALL_OUTS < <(nix-store -q --outputs "${ALL_DRVS[@]}" | sort)

# Delete previously built outputs so that the build below starts from scratch.
OLD=()
for p in "${ALL_OUTS[@]}"; do
  if nix-store --check-validity "$p" 2>/dev/null; then OLD+=("$p"); fi
done
if [ "${#OLD[@]}" -gt 0 ]; then
  # Include their referrers (e.g. greeter builds from older versions of this
  # fixture), otherwise Nix considers the paths alive.
  mapfile -t OLD < <(nix-store -q --referrers-closure "${OLD[@]}")
  log "deleting ${#OLD[@]} previously built paths from /nix/store"
  nix-store --delete "${OLD[@]}" >/dev/null 2>&1 \
    || echo "regen.sh: warning: could not delete old outputs (still alive?); reusing them" >&2
fi

# --- build -------------------------------------------------------------------------
log "building $DRV"
nix-build "${NIXOPTS[@]}" default.nix -A greeter -o "$HERE/result" >/dev/null
OUT=$(readlink "$HERE/result")
mapfile -t APP_OUTS < <(nix-store -q --outputs "$DRV" | sort)
printf '%s\n' "${APP_OUTS[@]}" | grep -qx -- "$OUT" && [ "${OUT%-doc}" = "$OUT" ] \
  || die "result does not point at the out output of $DRV"

# Sanity checks on the reference graph.
LIBGREET_DRV=$(printf '%s\n' "${ALL_DRVS[@]}" | grep -- '-libgreet-1.4.2.drv$')
LIBGREET_OUT=$(nix-store -q --outputs "$LIBGREET_DRV" | grep -v -- '-dev$')
LIBGREET_DEV=$(nix-store -q --outputs "$LIBGREET_DRV" | grep -- '-dev$')
if nix-store -q --references "$LIBGREET_OUT" | grep -qx "$LIBGREET_DEV"; then
  die "libgreet out references its dev output"
fi
if nix-store -qR "$OUT" | grep -E -- '-(libgreet-1.4.2-dev|greeting-data-1.0.tar|fonts-src-0.3|fix-greeting.patch|greeter|libgreet|[^/]*\.drv)$'; then
  die "build-time-only paths leaked into the runtime closure of $OUT"
fi

# --- relocatable store ----------------------------------------------------------------
log "copying closures into $STORE"
mkdir -p "$STORE"
nixc copy --no-check-sigs --to "$RSTORE" "$OUT"                 # runtime closure
nixc copy --no-check-sigs --to "$RSTORE" --derivation "$DRV"    # .drv closure + input sources
nixc copy --no-check-sigs --to "$RSTORE" "${ALL_OUTS[@]}"       # every output of every .drv

log "cleaning up the copied store"
DB="$STORE/nix/var/nix/db/db.sqlite"
[ -f "$DB" ] || die "no database at $DB"
# Fold the WAL into the main file, normalise registration times (they would
# otherwise change on every run) and leave the db in rollback-journal mode so
# that read-only readers need no -wal/-shm files.
python3 - "$DB" <<'EOF'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
con.execute("UPDATE ValidPaths SET registrationTime = 1700000000")
con.execute("PRAGMA journal_mode=DELETE")
con.execute("VACUUM")
ok = con.execute("PRAGMA integrity_check").fetchone()[0]
con.close()
if ok != "ok":
    sys.exit("db integrity check failed: " + ok)
EOF
rm -rf "$STORE/nix/var/nix/gcroots" "$STORE/nix/var/nix/profiles" \
       "$STORE/nix/var/nix/temproots" "$STORE/nix/var/nix/userpool" \
       "$STORE/nix/var/nix/daemon-socket" "$STORE/nix/var/log" \
       "$STORE/nix/store/.links"
rm -f "$STORE/nix/var/nix/db/big-lock" "$STORE/nix/var/nix/db/reserved" \
      "$STORE/nix/var/nix/gc.lock" "$DB-wal" "$DB-shm" "$DB-journal"
find "$STORE" \( -name '*.lock' -o -name 'big-lock' \) -type f -delete
chmod -R u+w "$STORE"

# --- dumps ------------------------------------------------------------------------------
log "writing dumps"
pretty() { python3 -c 'import json,sys; json.dump(json.load(sys.stdin), sys.stdout, indent=2); print()'; }

nixc show-derivation -r "$DRV" | pretty > derivation-show.json
python3 to_new_shape.py derivation-show.json > derivation-show-v4.json

mkdir -p truth
nix-store -qR "$OUT" | sort > truth/runtime-closure.txt
nix-store -q --graph "$OUT" > truth/runtime-graph.dot
nix-store -qR "$DRV" | sort > truth/build-closure.txt
nix-store -q --graph "$DRV" > truth/build-graph.dot
nix-store -q --references "$DRV" > truth/references-of-drv.txt
echo "$DRV" > truth/drv-path.txt
printf '%s\n' "${APP_OUTS[@]}" > truth/out-paths.txt
printf '%s\n' "${ALL_OUTS[@]}" > truth/build-closure-outputs.txt
while read -r p; do
  printf '%s %s\n' "$p" "$(nix-store --dump "$p" | sha256sum | cut -d' ' -f1)"
done < truth/runtime-closure.txt > truth/nar-sha256.txt

# --- verify the relocated store (on a scratch copy: Nix writes lock files) -------------
log "verifying the relocated store"
cp -a "$STORE" "$TMP/store"
TSTORE="local?root=$TMP/store"
nix-store --store "$TSTORE" -qR "$OUT" | sort | diff -u truth/runtime-closure.txt - \
  || die "runtime closure in the relocated store differs"
nix-store --store "$TSTORE" -qR "$DRV" | sort | diff -u truth/build-closure.txt - \
  || die "build closure in the relocated store differs"
nix-store --store "$TSTORE" --check-validity "${ALL_OUTS[@]}" \
  || die "not every output of the build closure is valid in the relocated store"
nix-store --quiet --store "$TSTORE" --verify --check-contents \
  || die "nix-store --verify --check-contents failed on the relocated store"
nixc path-info --store "$TSTORE" --json -r "$OUT" | pretty > path-info.json

log "done: $OUT ($(du -sh "$STORE" | cut -f1) in store/)"
