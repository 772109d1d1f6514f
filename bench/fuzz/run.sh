#!/usr/bin/env bash
# Fuzzes each of ocisc's parser targets (Jazzer @FuzzTest methods) in turn, each for ROUNDS rounds of the
# 10 s its annotation allows, and prints executions and findings per target. A finding stops its target and
# leaves a reproducer in the target's src/test/resources/.../*Inputs/METHOD/ directory, which the plain test
# run (mvn verify) replays from then on: commit it with the fix. The corpus grown while fuzzing stays in each
# module's .cifuzz-corpus/ (not committed) and seeds the next round.
# Usage, from the project root: bash bench/fuzz/run.sh [ROUNDS]   (.ci/run runs one round)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-1}
targets=(
  "graph NixInputsFuzzTest#derivation"
  "graph NixInputsFuzzTest#graphJson"
  "oci ImageFuzzTest#imageArchive"
  "oci GoFuzzTest#goFiles"
  "oci LanguageFilesFuzzTest#languageFile"
  "provenance AttestationFuzzTest#attestationFile"
  "provenance AttestationFuzzTest#signedStatement"
)
# Each round builds the target's module with what it depends on (-am, nothing installed into the shared local
# repository) and runs one test method in fuzzing mode; the other modules' tests do not match the filter.
log=$(mktemp -t ocisc-fuzz.XXXXXX)
trap 'rm -f "$log"' EXIT
status=0
printf '%-48s %6s %12s %s\n' target rounds executions result
for t in "${targets[@]}"; do
  read -r module test <<< "$t"
  execs=0 result=clean
  for ((r = 1; r <= rounds; r++)); do
    # -Xmx: libFuzzer's own memory limit is 2 GB; a heap that stops short of it reports OutOfMemoryError,
    # a finding with a stack trace, instead of being killed. Jazzer turns @Timeout into libFuzzer's per-input
    # timeout (a hang is a finding); JUnit would apply it to the whole run as well, so JUnit's is switched off.
    if ! JAZZER_FUZZ=1 mvn -B -q test -pl "$module" -am -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
        "-DargLine=-Xmx1g -Djunit.jupiter.execution.timeout.mode=disabled" > "$log" 2>&1; then
      result="FINDING (see $(ls -t "$module"/src/test/resources/dev/ocisc/fuzz/*Inputs/"${test#*#}"/crash-* 2>/dev/null | head -1))"
      grep -m3 -E 'Exception|Error|==' "$log" | sed 's/^/    /' >&2 || true
      status=1
      break
    fi
    n=$(grep -oE '^#[0-9]+[[:space:]]+DONE' "$log" | grep -oE '[0-9]+' | tail -1 || true)
    execs=$((execs + ${n:-0}))
  done
  printf '%-48s %6s %12s %s\n' "$module/$test" "$rounds" "$execs" "$result"
done
exit $status
