"""Latency of `itp-dev logs -f`: from the moment the engine records a line
(its own timestamp, `-t`) to the moment it reaches a reader of itp-dev's
stdout. Usage: logs_latency.py ITP_DEV_BINARY PROFILE_DIR SERVICE [N]"""
import calendar
import statistics
import subprocess
import sys
import time

binary, directory, service = sys.argv[1:4]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 200


def engine_time(ts: str) -> float:
    whole, _, frac = ts.rstrip("Z").partition(".")
    secs = calendar.timegm(time.strptime(whole, "%Y-%m-%dT%H:%M:%S"))
    return secs + float("0." + (frac or "0"))


proc = subprocess.Popen(
    [binary, "-C", directory, "logs", "-f", "-t", "--tail", "0", service],
    stdout=subprocess.PIPE,
    text=True,
)
lat = []
for line in proc.stdout:
    now = time.time()
    # "service | 2026-11-25T20:00:00.123456789Z text"
    ts = line.split("| ", 1)[1].split(" ", 1)[0]
    lat.append((now - engine_time(ts)) * 1000)
    if len(lat) >= n:
        break
proc.terminate()
lat = lat[5:]  # the first lines race the stream's start
q = statistics.quantiles(lat, n=100)
print(f"logs -f latency over {len(lat)} lines: p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, max {max(lat):.1f} ms")
