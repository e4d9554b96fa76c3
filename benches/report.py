"""Summarise a bench run (benches/up.sh, benches/k8s.sh): median per tool
and each peer's ratio to itp-dev. Arguments: the results directory, then
optionally the benchmark names in the order to show them."""
import json
import pathlib
import statistics
import sys

out = pathlib.Path(sys.argv[1])
print("\n| benchmark | tool | median | ratio to itp-dev |")
print("|---|---|---|---|")
names = sys.argv[2:] or ["version", "status", "warm-up", "cold-up", "down", "exec"]
for name in names:
    # One file per benchmark, or one per tool (`warm-up-itp.json`, …).
    files = sorted(out.glob(f"{name}.json")) + sorted(out.glob(f"{name}-*.json"))
    if not files:
        continue
    results = [r for f in files for r in json.loads(f.read_text())["results"]]
    med = {r["command"]: statistics.median(r["times"]) for r in results}
    base = med.get("itp-dev")
    for tool, m in med.items():
        ratio = "" if tool == "itp-dev" or not base else f"{m / base:.1f}x"
        shown = f"{m * 1000:.1f} ms" if m < 1 else f"{m:.2f} s"
        print(f"| {name} | {tool} | {shown} | {ratio} |")
rss = out / "rss.txt"
if rss.exists():
    print("\n| peak RSS | KiB |\n|---|---|")
    for line in rss.read_text().splitlines():
        *tool, kib = line.split()
        print(f"| {' '.join(tool)} | {kib} |")
