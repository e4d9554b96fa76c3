"""Save → visible in the container, for `itp-dev watch` with default
settings, over N edits; then the idle watcher's CPU and peak RSS.

Visibility is read from the container's filesystem as the engine stores
it on this host (ROOTFS, found by watch.sh), polled every half millisecond
on the same clock as the edit: latency = first moment the whole file is
there - the moment the editor here finished writing it.

Usage: watch_latency.py ITP_DEV_BINARY PROJECT_DIR ROOTFS [N]"""
import os
import random
import statistics
import subprocess
import sys
import threading
import time

binary, directory, rootfs = sys.argv[1:4]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 200

watcher = subprocess.Popen([binary, "-C", directory, "watch"], stderr=subprocess.PIPE, text=True)
for line in watcher.stderr:  # wait until it watches
    if line.startswith("watching"):
        break
threading.Thread(target=lambda: [None for _ in watcher.stderr], daemon=True).start()

lat = []
src = os.path.join(directory, "src")
for i in range(n):
    name = f"edit-{i}.txt"
    body = f"edit {i}\n" * 20
    with open(os.path.join(src, name), "w") as f:
        f.write(body)
    t0 = time.time()
    there = os.path.join(rootfs, "srv", name)
    while time.time() < t0 + 5:
        try:
            if os.path.getsize(there) == len(body):
                lat.append((time.time() - t0) * 1000)
                break
        except OSError:
            pass
        time.sleep(0.0005)
    else:
        print(f"edit {i} never arrived", file=sys.stderr)
    time.sleep(random.uniform(0.05, 0.25))  # typing, then the next save

q = statistics.quantiles(lat, n=100)
print(f"save -> visible over {len(lat)} of {n} edits: p50 {q[49]:.0f} ms, p95 {q[94]:.0f} ms, max {max(lat):.0f} ms")


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


before = cpu_ticks(watcher.pid)
time.sleep(10)
idle = cpu_ticks(watcher.pid) - before
with open(f"/proc/{watcher.pid}/status") as f:
    hwm = next(l.split()[1] for l in f if l.startswith("VmHWM"))
print(f"idle watcher: {idle} CPU ticks (1/{os.sysconf('SC_CLK_TCK')} s) in 10 s; peak RSS {int(hwm) / 1024:.1f} MB")
watcher.terminate()
