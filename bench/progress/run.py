#!/usr/bin/env python3
"""What progress reporting costs, for this checkout and BASELINE=DIR (another checkout, built there first): `ocisc
sbom` of a 110 KB image (mostly the JVM's start and class loading: what loading the library would cost) and of a
generated MB-sized layout (bench/oci/make-big-image.sh), and `ocisc graph DRV --buildtime` of the
10,000-derivation closure (bench/graph/make-store.sh). Each with stderr piped (no bar, the library not loaded)
and on a pseudo-terminal made by script(1) (bars drawn); stdout to a file. Rounds in a fresh random order.
Prints the median CPU time (user and system, of the JVM and script) and the median peak RSS; wall time is left
out, as other processes load this machine and CPU time is what the work itself costs.
ONLY=TEXT keeps the cases whose name contains TEXT.
    RUNS=5 MB=256 [ONLY=IMAGE] BASELINE=DIR bench/progress/run.py"""
import os, random, statistics, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", ".."))
runs = int(os.environ.get("RUNS", "5"))
mb = os.environ.get("MB", "256")
image = os.path.join(os.environ.get("OCISC_BENCH_DIR", "/tmp/ocisc-bench"), f"image-{mb}")
if not os.path.isfile(os.path.join(image, "index.json")):
    subprocess.run([os.path.join(root, "bench/oci/make-big-image.sh"), image, mb], check=True,
                   stdout=subprocess.DEVNULL)
top = subprocess.run([os.path.join(root, "bench/graph/make-store.sh"), "10000"], check=True, capture_output=True,
                     text=True).stdout.strip()
drv = subprocess.run(["nix-store", "-q", "--deriver", top], check=True, capture_output=True, text=True).stdout.strip()
small = os.path.join(root, "testdata/oci/nix-greeter.tar")  # 110 KB: the JVM's start and class loading
launchers = [("ocisc", os.path.join(root, "ocisc"))]
if os.environ.get("BASELINE"):
    launchers.append(("baseline", os.path.join(os.path.abspath(os.environ["BASELINE"]), "ocisc")))
for _, launcher in launchers:
    subprocess.run([launcher, "--version"], check=True, capture_output=True)  # builds outside the timing
out = tempfile.mkdtemp(prefix="ocisc-progress-bench-")
cases = []
for label, launcher in launchers:
    for what, args in [("sbom SMALL", ["sbom", small, "-f", "cyclonedx-json"]),
                       ("sbom IMAGE", ["sbom", image, "-f", "cyclonedx-json"]),
                       ("graph DRV --buildtime", ["graph", drv, "--buildtime", "-f", "json"])]:
        cmd = [launcher, *args]
        cases.append((f"{label} {what}, piped", cmd, False))
        cases.append((f"{label} {what}, terminal", cmd, True))
cases = [c for c in cases if os.environ.get("ONLY", "") in c[0]]


def run(cmd, tty):
    """CPU seconds (user and system) and peak RSS (MiB) of one run; stdout to a file in both cases."""
    dest = os.path.join(out, "stdout")
    if tty:
        line = " ".join("'" + a.replace("'", "'\\''") + "'" for a in cmd) + f" > '{dest}'"
        argv, stdout = ["script", "-qfec", line, "/dev/null"], subprocess.DEVNULL
        env = dict(os.environ, TERM="xterm", COLUMNS="100")
    else:
        argv, stdout, env = cmd, open(dest, "wb"), dict(os.environ, TERM="xterm")
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE if not tty else None,
                         env=env)
    err = p.stderr.read() if p.stderr else b""
    _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {argv}")
    if err:
        sys.exit(f"stderr not empty without a terminal: {err[:200]!r}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


for _, cmd, tty in cases:  # warm the page cache; not counted
    run(cmd, tty)
cpu = {name: [] for name, _, _ in cases}
rss = {name: [] for name, _, _ in cases}
for _ in range(runs):
    order = list(cases)
    random.shuffle(order)
    for name, cmd, tty in order:
        c, r = run(cmd, tty)
        cpu[name].append(c)
        rss[name].append(r)
print(f"{runs} rounds, image {mb} MB ({image}), load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
print(f"{'case':48} {'CPU s (median)':>15} {'peak RSS MiB (median)':>22}")
for name, _, _ in cases:
    print(f"{name:48} {statistics.median(cpu[name]):15.2f} {statistics.median(rss[name]):22.0f}")
