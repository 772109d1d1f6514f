#!/usr/bin/env bash
# Benchmark: what the ./ocisc launcher's JVM options gain over plain `java -jar`, on three runs users make: a
# trivial one (--version), an SBOM of the bundled sample, and `provenance --recursive --sign` of the
# 10,000-derivation closure (bench/graph/make-store.sh). Wall time with JVM start, median of ROUNDS rounds, each
# round in a fresh random order so that the VM's drift falls on every command alike. BASELINE=DIR adds the
# launcher of another checkout (built there first) to the same rounds. JDK25=DIR (default: the first JDK 25 under
# /usr/lib/jvm, if any) adds the launcher and `java -jar` on that JDK, where the launcher uses the AOT cache.
#   bench/launcher/run.sh [ROUNDS]
set -euo pipefail
rounds=${1:-15}
root="$(cd "$(dirname "$0")/../.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/ocisc" --version >/dev/null   # builds the jar and its class-data archive outside the timings
top=$("$root/bench/graph/make-store.sh" 10000)
"$root/ocisc" keygen -o "$work/k" >/dev/null 2>&1
names=() cmds=()
add() { names+=("$1"); shift; cmds+=("$(printf '%q ' "$@")"); }
variants=("launcher:$root/ocisc" "java-jar:java -jar $root/cli/target/ocisc.jar")
if [ -n "${BASELINE:-}" ]; then
  "$BASELINE/ocisc" --version >/dev/null
  variants+=("baseline:$BASELINE/ocisc")
fi
jdk25=${JDK25:-$(ls -d /usr/lib/jvm/*-25-* 2>/dev/null | head -1 || true)}
if [ -n "$jdk25" ]; then
  PATH="$jdk25/bin:$PATH" "$root/ocisc" --version >/dev/null   # its AOT cache, outside the timings
  variants+=("launcher-jdk25:env PATH=$jdk25/bin:$PATH $root/ocisc" "java-jar-jdk25:$jdk25/bin/java -jar $root/cli/target/ocisc.jar")
fi
for v in "${variants[@]}"; do
  name=${v%%:*}; read -r -a run <<< "${v#*:}"
  add "$name version" "${run[@]}" --version
  add "$name sbom-sample" "${run[@]}" sbom "$root/testdata/nix/result" --store "$root/testdata/nix/store" -o "$work/s.json"
  add "$name provenance-10k" "${run[@]}" provenance "$top" --recursive --sign "$work/k.key" -o "$work/p.jsonl"
done
add "reference nix-store-qR-10k" nix-store -qR "$top"
now() { date +%s%N; }
for i in "${!names[@]}"; do eval "${cmds[$i]}" >/dev/null 2>&1; done   # warm caches; not counted
declare -A times
for ((r = 0; r < rounds; r++)); do
  for i in $(shuf -e "${!names[@]}"); do
    t0=$(now); eval "${cmds[$i]}" >/dev/null 2>&1; t1=$(now)
    times[$i]+="$((t1 - t0)) "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END{m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m/1e9}'; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "rounds: $rounds, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-34s %8s\n' command median_s
for i in "${!names[@]}"; do
  printf '%-34s %8s\n' "${names[$i]}" "$(echo "${times[$i]}" | median)"
done
