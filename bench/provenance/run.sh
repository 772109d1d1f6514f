#!/usr/bin/env bash
# Benchmark: `ocisc provenance --recursive --sign` on the 10,000-derivation closure of bench/graph/gen.nix,
# wall time per run with JVM start, median of RUNS runs. In the same run, for reference: Nix reading the
# same closure as derivation JSON (`nix show-derivation -r`, which is where sbomnix's `provenance --recursive`
# starts before doing its own work) and `nix-store -qR`. Checks that the output verifies and that its
# resolvedDependencies are as many as Nix lists. Needs nix-bin, JDK 17, Maven; builds the closure into the
# system store with bench/graph/make-store.sh (minutes the first time, reused after).
#   bench/provenance/run.sh [N] [RUNS]
set -euo pipefail
n=${1:-10000}
runs=${2:-7}
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$root/ocisc" --version >/dev/null   # builds the jar (and its class-data archive) outside the timings
# The launcher's JVM options are how users run ocisc; plain `java -jar` is measured beside it. Do not rebuild
# the work tree while this runs.
ocisc() { "$root/ocisc" "$@"; }
plain() { java -jar "$root/cli/target/ocisc.jar" "$@"; }

top=$("$root/bench/graph/make-store.sh" "$n")
drv=$(nix-store -qd "$top")
ocisc keygen -o "$work/bench" 2>/dev/null

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END{m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m/1e9}'; }
# The commands are timed round by round, each round in a fresh random order, so that the VM's drift (its speed
# changes by a third from one minute to the next) falls on every command alike and the ratios mean something.
names=() cmds=()
add() { names+=("$1"); shift; cmds+=("$(printf '%q ' "$@")"); }
nixcmd=(nix --extra-experimental-features nix-command)
add signed ocisc provenance "$top" --recursive --sign "$work/bench.key" -o "$work/p.intoto.jsonl"
add plainsigned plain provenance "$top" --recursive --sign "$work/bench.key" -o "$work/p2.intoto.jsonl"
add unsigned ocisc provenance "$top" --recursive -o "$work/p.json"
add showderivation "${nixcmd[@]}" show-derivation -r "$drv"
add qR nix-store -qR "$drv"
for i in "${!names[@]}"; do
  eval "${cmds[$i]}" >/dev/null 2>&1  # warm the page cache; not counted
  : > "$work/${names[$i]}"
done
for _ in $(seq "$runs"); do
  for i in $(shuf -i 0-$((${#names[@]} - 1))); do
    t0=$(now); eval "${cmds[$i]}" >/dev/null 2>&1; echo $(( $(now) - t0 )) >> "$work/${names[$i]}"
  done
done

ocisc attest verify "$work/p.intoto.jsonl" --key "$work/bench.pub" --digest "sha256:$(sha256sum "$top" | cut -d' ' -f1)" >/dev/null
deps=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["predicate"]["buildDefinition"]["resolvedDependencies"]))' "$work/p.json")
closure=$(nix-store -qR "$drv" | wc -l)
[ "$deps" -eq $((closure - 1)) ] || { echo "resolvedDependencies $deps, nix-store -qR lists $closure" >&2; exit 1; }

s=$(median < "$work/signed"); u=$(median < "$work/unsigned"); ps=$(median < "$work/plainsigned")
d=$(median < "$work/showderivation"); q=$(median < "$work/qR")
echo "date:      $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:      $(java -version 2>&1 | head -1)"
echo "runs:      $(tr '\n' ' ' < "$work/signed" | awk '{for(i=1;i<=NF;i++) printf "%.2f ", $i/1e9}')(signed, seconds)"
echo "graph:     $closure derivations (nix-store -qR), $deps resolvedDependencies, envelope $(stat -c %s "$work/p.intoto.jsonl") bytes, verified"
echo "median of $runs rounds (each command once per round, in random order), wall seconds with JVM start:"
printf '  ocisc provenance --recursive --sign   %s\n' "$s"
printf '  same, java -jar with default JVM options %s\n' "$ps"
printf '  ocisc provenance --recursive          %s\n' "$u"
printf '  nix show-derivation -r (reference)    %s   ratio ocisc signed / reference %.2f\n' "$d" "$(echo "$s / $d" | bc -l)"
printf '  nix-store -qR (reference)             %s\n' "$q"
