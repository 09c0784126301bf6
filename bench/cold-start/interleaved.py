#!/usr/bin/env python3
# bench/cold-start/interleaved.py RUNS "ARGS" BINARY…: the cold start of `modgate ARGS` for several builds, run in turn
# (A B C A B C …) so that the load of a shared machine falls on each alike; hyperfine runs one command to the end
# before the next, and on this 2-core machine shared with other builds that drift was larger than the difference.
# Prints the median wall time (and 90th percentile) and the median CPU time (user + system) of each binary.
import resource, statistics, subprocess, sys, time
runs = int(sys.argv[1]); args = sys.argv[2].split(); binaries = sys.argv[3:]
wall = {b: [] for b in binaries}; cpu = {b: [] for b in binaries}
for _ in range(5):
    for b in binaries: subprocess.run([b, *args], stdout=subprocess.DEVNULL)
for _ in range(runs):
    for b in binaries:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.perf_counter()
        subprocess.run([b, *args], stdout=subprocess.DEVNULL, check=True)
        t1 = time.perf_counter(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall[b].append((t1 - t0) * 1000); cpu[b].append(((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)) * 1000)
for b in binaries:
    print(f"{b.split('/')[-1]:18} wall median {statistics.median(wall[b]):5.1f} ms (p90 {sorted(wall[b])[int(runs*0.9)]:5.1f})  cpu median {statistics.median(cpu[b]):4.1f} ms")
