#!/usr/bin/env python3
"""Draws benches/scale.sh's series as one SVG (no plotting library needed):
three panels, time against size on log axes, itp-dev and its peers on the
same axes (docker-compose; for watch, `inotifywait -r`, the floor of any
inotify watcher). Watch memory and inotify watches go to the JSON and the
README's table, not the chart. Usage: chart.py SERIES.txt OUT.json OUT.svg"""
import json
import math
import sys

series_path, json_out, svg_out = sys.argv[1:4]
data = {}
for line in open(series_path):
    kind, size, what, value = line.split()
    # Times are in seconds, drawn in ms; memory (MiB) and counts as they are.
    scale = 1000 if not what.endswith(("-rss", "-watches")) else 1
    data.setdefault(kind, {}).setdefault(what, []).append((int(size), float(value) * scale))
json.dump(data, open(json_out, "w"), indent=1)

COLORS = {"itp": "#1f6feb", "compose": "#d1242f", "inotifywait": "#6e7781"}
W, H, PAD = 460, 300, 56


def panel(x0, title, xlabel, lines):
    xs = [s for pts in lines.values() for s, _ in pts]
    ys = [t for pts in lines.values() for _, t in pts]
    lx = (math.log10(min(xs)), math.log10(max(xs)) or 1)
    ly = (math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys))))
    def px(s):
        return x0 + PAD + (math.log10(s) - lx[0]) / max(lx[1] - lx[0], 1e-9) * (W - 2 * PAD)
    def py(t):
        return H - PAD + -(math.log10(t) - ly[0]) / max(ly[1] - ly[0], 1e-9) * (H - 2 * PAD)
    out = [f'<text x="{x0 + W / 2}" y="22" text-anchor="middle" font-weight="bold">{title}</text>']
    for e in range(ly[0], ly[1] + 1):
        y = py(10 ** e)
        out.append(f'<line x1="{x0 + PAD}" x2="{x0 + W - PAD}" y1="{y}" y2="{y}" stroke="#ddd"/>')
        label = f"{10 ** e:g} ms" if e >= 0 else f"{10 ** e:g} ms"
        out.append(f'<text x="{x0 + PAD - 6}" y="{y + 4}" text-anchor="end" font-size="11">{label}</text>')
    for s in sorted(set(xs)):
        out.append(f'<text x="{px(s)}" y="{H - PAD + 16}" text-anchor="middle" font-size="11">{s:,}</text>')
    out.append(f'<text x="{x0 + W / 2}" y="{H - 14}" text-anchor="middle" font-size="12">{xlabel}</text>')
    for i, (name, pts) in enumerate(sorted(lines.items())):
        color = COLORS[name.split("-")[0]]
        dash = "" if name.endswith(("up", "build", "start")) else ' stroke-dasharray="5,3"'
        pts = sorted(pts)
        path = " ".join(f"{px(s):.1f},{py(t):.1f}" for s, t in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        for s, t in pts:
            out.append(f'<circle cx="{px(s):.1f}" cy="{py(t):.1f}" r="3" fill="{color}"/>')
        ly_ = 40 + i * 16
        out.append(f'<line x1="{x0 + PAD + 8}" x2="{x0 + PAD + 28}" y1="{ly_}" y2="{ly_}" stroke="{color}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{x0 + PAD + 34}" y="{ly_ + 4}" font-size="11">{name}</text>')
    return out


body = []
body += panel(0, "Warm runs against the number of services", "services", data.get("services", {}))
body += panel(W, "Warm up against the build context's size", "files in the context", data.get("context", {}))
watch = {k: v for k, v in data.get("watch", {}).items() if k.endswith("-start")}
if watch:
    body += panel(2 * W, "Watch start-up against the repository's size", "files watched", watch)
panels = 3 if watch else 2
svg = (
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{panels * W}" height="{H}" '
    f'font-family="sans-serif" font-size="12">\n<rect width="100%" height="100%" fill="white"/>\n'
    + "\n".join(body)
    + "\n</svg>\n"
)
open(svg_out, "w").write(svg)
print(f"wrote {svg_out} and {json_out}")
