#!/usr/bin/env python3
"""The SBOM target of issue 12 on the synthetic 10,000-package closure (make-store.sh): `ocisc sbom` of the run-time
and of the build closure, three formats in one run each (CycloneDX JSON, SPDX JSON, CSV), through the launcher as
users run it (JVM start included), against `nix-store -q --graph` of the same closure in the same rounds. Each round
runs every command once, in a fresh random order, so that load from other processes falls on all of them alike.
Prints median and least wall time (the least: what a run takes when the load lets it), median peak RSS (the
process's own, from wait4: the launcher execs java, so it is the JVM's), median CPU time (user and system: less
disturbed by other load than wall time) and the median of the per-round ratios to the reference. BASELINE=DIR adds
the launcher of another checkout (built there first) to the same rounds.
    RUNS=7 N=10000 [BASELINE=DIR] bench/graph/run.py"""
import os, platform, random, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", ".."))
ocisc = os.path.join(root, "ocisc")
runs = int(os.environ.get("RUNS", "7"))
top = subprocess.run([os.path.join(here, "make-store.sh"), os.environ.get("N", "10000")],
                     check=True, capture_output=True, text=True).stdout.strip()
drv = subprocess.run(["nix-store", "-q", "--deriver", top], check=True, capture_output=True, text=True).stdout.strip()
subprocess.run([ocisc, "--version"], check=True, capture_output=True)  # build the jar outside the timing
out = tempfile.mkdtemp(prefix="ocisc-bench-")
formats = ["-f", "cyclonedx-json", "-f", "spdx-json", "-f", "csv"]

# name, command, the reference it is compared with
cases = [
    ("nix-store -q --graph OUT", ["nix-store", "-q", "--graph", top], None),
    ("nix-store -q --graph DRV", ["nix-store", "-q", "--graph", drv], None),
]
launchers = [("ocisc", ocisc)]
if os.environ.get("BASELINE"):
    launchers.append(("baseline", os.path.join(os.path.abspath(os.environ["BASELINE"]), "ocisc")))
    subprocess.run([launchers[1][1], "--version"], check=True, capture_output=True)
for label, launcher in launchers:
    cases += [
        (f"{label} sbom OUT, 3 formats", [launcher, "sbom", top, *formats, "-o", f"{out}/{label}-rt/"],
         "nix-store -q --graph OUT"),
        (f"{label} sbom OUT --buildtime, 3 formats",
         [launcher, "sbom", top, "--buildtime", *formats, "-o", f"{out}/{label}-bt/"], "nix-store -q --graph DRV"),
    ]


def run(cmd):
    """Wall seconds, peak RSS (MiB) and CPU seconds (user and system) of one run."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


for _, cmd, _ in cases:  # warm the page cache; not counted
    run(cmd)
walls = {name: [] for name, _, _ in cases}
rss = {name: [] for name, _, _ in cases}
cpu = {name: [] for name, _, _ in cases}
loads = [os.getloadavg()[0]]
for _ in range(runs):
    order = list(cases)
    random.shuffle(order)
    for name, cmd, _ in order:
        w, m, c = run(cmd)
        walls[name].append(w)
        rss[name].append(m)
        cpu[name].append(c)
    loads.append(os.getloadavg()[0])

nodes = len(subprocess.run(["nix-store", "-qR", top], check=True, capture_output=True, text=True).stdout.split())
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
           platform.machine())
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print(f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC; {os.cpu_count()} cores, "
      f"{cpu_model}, {mem:.0f} GiB; {java}")
print(f"closure: {nodes} paths; {runs} rounds; load average (1 min) {min(loads):.2f}-{max(loads):.2f}")
print(f"{'command':40s} {'median s':>9s} {'min s':>6s} {'CPU s':>6s} {'peak RSS MiB':>13s} {'x reference':>12s}")
for name, _, ref in cases:
    ratio = ""
    if ref:
        ratio = f"{statistics.median(w / r for w, r in zip(walls[name], walls[ref])):.2f}"
    print(f"{name:40s} {statistics.median(walls[name]):9.3f} {min(walls[name]):6.3f} "
          f"{statistics.median(cpu[name]):6.2f} "
          f"{statistics.median(rss[name]):13.0f} {ratio:>12s}")
