#!/usr/bin/env python3
"""Where the CPU time of one ocisc run goes, by thread: runs the command given (e.g. ./ocisc sbom OUT --buildtime
-f cyclonedx-json -f spdx-json -f csv -o DIR/) and polls /proc/PID/task/*/stat every 10 ms, keeping each thread's
last user+system time. Threads that end between two polls lose at most 10 ms. JIT compiler threads are summed as
"C1 compiler" and "C2 compiler"; "java" is the main thread, "VM Thread" runs the garbage collector.
    bench/graph/threads.py COMMAND..."""
import collections, os, subprocess, sys, time

p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
last = {}
hz = os.sysconf("SC_CLK_TCK")
while p.poll() is None:
    try:
        tids = os.listdir(f"/proc/{p.pid}/task")
    except OSError:
        tids = []
    for tid in tids:
        try:
            stat = open(f"/proc/{p.pid}/task/{tid}/stat").read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        last[tid] = (comm, (int(fields[11]) + int(fields[12])) / hz)
    time.sleep(0.01)
kinds = collections.Counter()
for comm, cpu in last.values():
    kinds["C2 compiler" if comm.startswith("C2 Comp") else "C1 compiler" if comm.startswith("C1 Comp") else comm] += cpu
print(f"CPU {sum(kinds.values()):.2f} s: " + ", ".join(f"{k} {v:.2f}" for k, v in kinds.most_common() if v > 0))
