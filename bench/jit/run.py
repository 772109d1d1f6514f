#!/usr/bin/env python3
"""What the JIT costs a short run and what it saves a long one, side by side in the same rounds: the build SBOM of
bench/graph's 10,000-derivation closure (three formats) through the launcher as users run it (tiered: C1 then C2)
and with C1 only (OCISC_JAVA_OPTS=-XX:TieredStopAtLevel=1); one run of each with -XX:+CITime for the compilers'
own time; SHA-256 of 512 MiB in both modes; and, when IMAGE=DIR names an OCI layout (bench/oci/make-big-image.sh),
`ocisc sbom IMAGE` in both modes.
    RUNS=7 [IMAGE=DIR] bench/jit/run.py"""
import os, platform, random, re, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", ".."))
ocisc = os.path.join(root, "ocisc")
runs = int(os.environ.get("RUNS", "7"))
top = subprocess.run([os.path.join(root, "bench", "graph", "make-store.sh"), "10000"],
                     check=True, capture_output=True, text=True).stdout.strip()
subprocess.run([ocisc, "--version"], check=True, capture_output=True)
out = tempfile.mkdtemp(prefix="ocisc-jit-")
C1 = "-XX:TieredStopAtLevel=1"
build = [ocisc, "sbom", top, "--buildtime", "-f", "cyclonedx-json", "-f", "spdx-json", "-f", "csv", "-o", out + "/"]
cases = [("build SBOM, tiered", build, ""), ("build SBOM, C1 only", build, C1)]
if os.environ.get("IMAGE"):
    image = [ocisc, "sbom", os.environ["IMAGE"], "-o", out + "/image.cdx.json"]
    cases += [("image SBOM, tiered", image, ""), ("image SBOM, C1 only", image, C1)]


def run(cmd, opts):
    env = dict(os.environ, OCISC_JAVA_OPTS=opts)
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)} with {opts!r}")
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def compile_seconds(cmd, opts):
    env = dict(os.environ, OCISC_JAVA_OPTS=(opts + " -XX:+CITime").strip())
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    m = re.search(r"Total compilation time\s*:\s*([\d.]+) s", p.stdout + p.stderr)
    return float(m.group(1)) if m else float("nan")


for name, cmd, opts in cases:  # warm the page cache; not counted
    run(cmd, opts)
results = {name: [] for name, _, _ in cases}
loads = [os.getloadavg()[0]]
for _ in range(runs):
    order = list(cases)
    random.shuffle(order)
    for name, cmd, opts in order:
        results[name].append(run(cmd, opts))
    loads.append(os.getloadavg()[0])
sha = {}
for label, opts in (("tiered", []), ("C1 only", [C1])):
    sha[label] = float(subprocess.run(["java", *opts, os.path.join(here, "Sha256.java")], check=True,
                                      capture_output=True, text=True).stdout)
cpu_model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} cores, {cpu_model}; {java}")
print(f"{runs} rounds; load average (1 min) {min(loads):.2f}-{max(loads):.2f}")
print(f"{'command':<24} {'median s':>9} {'min s':>7} {'CPU s':>6} {'RSS MiB':>8} {'compiling s':>12}")
for name, cmd, opts in cases:
    r = results[name]
    print(f"{name:<24} {statistics.median(x[0] for x in r):9.3f} {min(x[0] for x in r):7.3f} "
          f"{statistics.median(x[1] for x in r):6.2f} {statistics.median(x[2] for x in r):8.0f} "
          f"{compile_seconds(cmd, opts):12.2f}")
for label, seconds in sha.items():
    print(f"SHA-256 of 512 MiB, {label}: {seconds:.3f} s")
