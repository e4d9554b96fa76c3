"""`itp-dev watch` on large repositories: for each size, the time from
start to "watching", the watcher's resident memory once it watches, and
the inotify watches it holds (read from /proc/PID/fdinfo); beside it
`inotifywait -r` on the same tree, the floor any inotify watcher pays.
Appends lines "watch FILES WHAT VALUE" to SERIES (times in seconds, memory
in MiB, watches as a count).

Usage: watch_scale.py ITP_DEV_BINARY WORKDIR SERIES SIZE..."""
import os
import subprocess
import sys
import time

binary, work, series = sys.argv[1:4]
binary = os.path.abspath(binary)
sizes = [int(s) for s in sys.argv[4:]]


def tree(root, n):
    """n files of 200 bytes, 100 to a directory, two levels deep."""
    marker = os.path.join(root, f".made-{n}")
    if os.path.exists(marker):
        return
    for i in range(n):
        d = os.path.join(root, "src", f"pkg{i // 10000:02d}", f"mod{(i // 100) % 100:02d}")
        if i % 100 == 0:
            os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"f{i:06d}.txt"), "w") as f:
            f.write("x" * 190 + f"{i:010d}")
    open(marker, "w").close()


def watches(pid):
    n = 0
    for fd in os.listdir(f"/proc/{pid}/fdinfo"):
        try:
            n += sum(1 for l in open(f"/proc/{pid}/fdinfo/{fd}") if l.startswith("inotify wd:"))
        except OSError:
            pass
    return n


def rss_mib(pid):
    for l in open(f"/proc/{pid}/status"):
        if l.startswith("VmRSS:"):
            return int(l.split()[1]) / 1024
    return 0.0


def measure(cmd, ready, cwd):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in p.stderr:
        if ready in line:
            break
    else:
        raise SystemExit(f"{cmd[0]} ended before it was ready")
    took = time.monotonic() - t0
    time.sleep(0.3)
    out = (took, rss_mib(p.pid), watches(p.pid))
    p.terminate()
    p.wait()
    return out


with open(series, "a") as out:
    for n in sizes:
        root = os.path.join(work, f"w{n}")
        os.makedirs(root, exist_ok=True)
        tree(root, n)
        with open(os.path.join(root, "itp-dev.toml"), "w") as f:
            f.write(f'''version = 1
name = "benchwatch{n}"

[services.app]
image = "itp-test/busybox:2"
command = "mkdir -p /srv && sleep 100000"

[[watch]]
paths = ["src/**"]
action = "sync"
service = "app"
target = "/srv"
''')
        subprocess.run([binary, "-C", root, "up", "-q"], check=True)
        runs = [measure([binary, "-C", root, "watch"], "watching", root) for _ in range(3)]
        runs.sort()
        t, mem, w = runs[1]
        base = sorted(
            measure(["inotifywait", "-r", "-m", "-e", "close_write", "src"], "Watches established", root)
            for _ in range(3)
        )[1]
        subprocess.run([binary, "-C", root, "down", "--yes", "-q"], check=False)
        for what, value in [
            ("itp-watch-start", t), ("inotifywait-start", base[0]),
            ("itp-watch-rss", mem), ("inotifywait-rss", base[1]),
            ("itp-watch-watches", w), ("inotifywait-watches", base[2]),
        ]:
            line = f"watch {n} {what} {value}"
            print(line, flush=True)
            out.write(line + "\n")
