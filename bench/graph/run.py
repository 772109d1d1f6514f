#!/usr/bin/env python3
"""Times ocisc on the synthetic 10,000-package closure (make-store.sh) against Nix's own queries of the
same closure, in the same run: medians of N runs, wall time, JVM start included (through ./ocisc)."""
import os, statistics, subprocess, sys, time, platform

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", ".."))
ocisc = os.path.join(root, "ocisc")
runs = int(os.environ.get("RUNS", "7"))
top = subprocess.run([os.path.join(here, "make-store.sh"), os.environ.get("N", "10000")],
                     check=True, capture_output=True, text=True).stdout.strip()
drv = subprocess.run(["nix-store", "-q", "--deriver", top], check=True, capture_output=True, text=True).stdout.strip()
subprocess.run([ocisc, "--version"], check=True, capture_output=True)  # build the jar outside the timing

def median(cmd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)

cases = [
    ("nix-store -qR OUT (reference)", ["nix-store", "-qR", top]),
    ("nix-store -q --graph OUT (reference)", ["nix-store", "-q", "--graph", top]),
    ("ocisc graph OUT -f json", [ocisc, "graph", top, "-f", "json"]),
    ("ocisc sbom OUT (cyclonedx-json)", [ocisc, "sbom", top]),
    ("ocisc sbom OUT -f spdx-json", [ocisc, "sbom", top, "-f", "spdx-json"]),
    ("nix-store -qR DRV (reference)", ["nix-store", "-qR", drv]),
    ("ocisc sbom OUT --buildtime", [ocisc, "sbom", top, "--buildtime"]),
    ("ocisc sbom OUT, all 5 formats", [ocisc, "sbom", top, "-f", "cyclonedx-json", "-f", "cyclonedx-xml", "-f",
                                       "spdx-json", "-f", "spdx-tv", "-f", "csv", "-o", "/tmp/ocisc-bench-out/"]),
]
nodes = len(subprocess.run(["nix-store", "-qR", top], check=True, capture_output=True, text=True).stdout.split())
print(f"closure: {nodes} paths; {runs} runs each; {os.cpu_count()} cores, {platform.processor() or platform.machine()}")
ref = None
for name, cmd in cases:
    m = median(cmd)
    if name.startswith("nix-store -qR OUT"):
        ref = m
    print(f"{name:45s} median {m:6.3f} s   x{m / ref:4.2f} of nix-store -qR")
