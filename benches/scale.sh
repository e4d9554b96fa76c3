#!/usr/bin/env bash
# Cost that grows with change, not with size (issue 17): warm `up` with a
# 1-file build context against a 20,000-file, ~170 MB one, and with 3
# services against 20, in one run; ratios to the small case. Warm means
# nothing changed since the last `up`, as every morning after the first.
#
#   benches/scale.sh          # ~3 minutes
#
# Needs hyperfine; the engine and test image come from
# scripts/ensure-docker.sh. Timings live here, never in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 1; }
bash scripts/ensure-docker.sh >/dev/null
bash scripts/ensure-images.sh >/dev/null 2>&1 || true
cargo build --release --locked -q
itp=$PWD/target/release/itp-dev
work=$(mktemp -d /tmp/itp-scale.XXXX)
export ITP_DEV_STATE_DIR=$work/state
projects=()
cleanup() {
  for p in "${projects[@]}"; do $itp -C "$p" down --volumes --yes >/dev/null 2>&1 || true; done
  docker images -q --filter label=dev.itp.project | sort -u | while read -r i; do
    docker image inspect -f '{{index .Config.Labels "dev.itp.project"}}' "$i" 2>/dev/null | grep -q '^scale' && docker rmi -f "$i" >/dev/null 2>&1
  done
  rm -rf "$work"
}
trap cleanup EXIT

# A built service whose context has N files of 8.7 KB.
context_project() { # dir name files
  local d=$1 name=$2 n=$3
  mkdir -p "$d/app/src"
  printf 'FROM itp-test/busybox:2\nCOPY . /app\nCMD ["sleep", "100000"]\n' > "$d/app/Dockerfile"
  python3 - "$d/app/src" "$n" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
block = os.urandom(4350).hex()
for i in range(n):
    sub = os.path.join(d, f"m{i // 500:03d}")
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, f"f{i:05d}.txt"), "w") as f:
        f.write(block[: 8700 - 10] + f"{i:010d}")
PY
  printf 'version = 1\nname = "%s"\n[services.app]\nbuild = "app"\n' "$name" > "$d/itp-dev.toml"
  projects+=("$d")
}

services_project() { # dir name count
  local d=$1 name=$2 n=$3
  mkdir -p "$d"
  { printf 'version = 1\nname = "%s"\n' "$name"
    for i in $(seq 1 "$n"); do printf '[services.s%d]\nimage = "itp-test/busybox:2"\ncommand = ["sleep", "100000"]\n' "$i"; done
  } > "$d/itp-dev.toml"
  projects+=("$d")
}

context_project "$work/c1" scale-c1 1
context_project "$work/c20k" scale-c20k 20000
services_project "$work/s3" scale-s3 3
services_project "$work/s20" scale-s20 20
du -sh "$work/c20k/app" | sed 's/^/context size: /'
for p in "${projects[@]}"; do $itp -C "$p" up >/dev/null 2>&1; done
# Settle: files written this instant are read again on the next run (racily
# clean); one more `up` indexes them as settled, as on any real morning.
sleep 3
for p in "${projects[@]}"; do $itp -C "$p" up >/dev/null 2>&1; done

hyperfine -N --style basic --warmup 3 --runs 30 \
  -n "warm up, 1-file context" "$itp -C $work/c1 up" \
  -n "warm up, 20000-file context" "$itp -C $work/c20k up" \
  -n "warm up, 3 services" "$itp -C $work/s3 up" \
  -n "warm up, 20 services" "$itp -C $work/s20 up" \
  -n "status, 3 services" "$itp -C $work/s3 status" \
  -n "status, 20 services" "$itp -C $work/s20 status" \
  --export-json "$work/scale.json" 2>&1 | grep -E "^(Benchmark|  Time)"
python3 - "$work/scale.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
def ratio(a, b):
    print(f"{b}: {r[b]*1000:.1f} ms, {r[b]/r[a]:.2f}x of {a} ({r[a]*1000:.1f} ms)")
ratio("warm up, 1-file context", "warm up, 20000-file context")
ratio("warm up, 3 services", "warm up, 20 services")
ratio("status, 3 services", "status, 20 services")
PY
