#!/usr/bin/env bash
# Cost that grows with change, not with size (issue 17), itp-dev and
# docker-compose (Debian's 1.29) on the same axes, in one run:
#   - services: 1, 5, 20, 50 busybox services; warm `up` (nothing changed)
#     and `status` / `ps`;
#   - build context: 10, 1,000 and 20,000 files of 8.7 KB; warm `up` (itp-dev
#     reads only what changed) against `docker-compose build` (cached
#     layers, but the whole context is sent each time);
#   - watch: repositories of 1,000, 10,000 and 100,000 files; `itp-dev
#     watch` start-up (to "watching": watches set and the container
#     compared), its memory and inotify watches, beside `inotifywait -r`
#     (benches/watch_scale.py). docker-compose 1.29 has no watch.
#   A large context gets a monitor (src/build/monitor.rs); `itp-up-walk`
#   is the same `up` with ITP_DEV_CONTEXT_MONITOR=0 (stat every file).
# Prints medians and ratios, writes benches/scale.json and draws
# benches/scale.svg (benches/chart.py). About 10 minutes.
# SERIES=context (or services, watch; comma-separated) runs only those and
# leaves the committed JSON and chart alone.
#
# Needs hyperfine and docker-compose; the engine and test image come from
# scripts/ensure-docker.sh. Timings live here, never in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
for c in hyperfine docker-compose inotifywait; do
  command -v $c >/dev/null || { echo "needs $c (apt-get install ${c/inotifywait/inotify-tools})"; exit 1; }
done
bash scripts/ensure-docker.sh >/dev/null
cargo build --release --locked -q
itp=$root/target/release/itp-dev
work=$(mktemp -d /tmp/itp-scale.XXXX)
export ITP_DEV_STATE_DIR=$work/state
itp_projects=()
compose_projects=()
cleanup() {
  for p in "${itp_projects[@]}"; do $itp -C "$p" down --volumes --yes >/dev/null 2>&1 || true; done
  for p in "${compose_projects[@]}"; do docker-compose -p "$(basename "$p")" -f "$p/compose.yaml" down -v --rmi local >/dev/null 2>&1 || true; done
  # Only the images this run built (its own project names).
  for n in 1 10 1000 20000; do
    docker images -q --filter "label=dev.itp.project=ctx$n" | while read -r i; do docker rmi -f "$i" >/dev/null 2>&1 || true; done
  done
  rm -rf "$work"
}
trap cleanup EXIT

services() { # dir n: an itp-dev profile and a compose file of n services
  local d=$1 n=$2
  mkdir -p "$d"
  { printf 'version = 1\nname = "%s"\n' "$(basename "$d")"
    for i in $(seq 1 "$n"); do printf '[services.s%d]\nimage = "itp-test/busybox:2"\ncommand = ["sleep", "100000"]\n' "$i"; done
  } > "$d/itp-dev.toml"
  { printf 'services:\n'
    for i in $(seq 1 "$n"); do printf '  s%d:\n    image: itp-test/busybox:2\n    command: ["sleep", "100000"]\n' "$i"; done
  } > "$d/compose.yaml"
}

context() { # dir files
  local d=$1 n=$2
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
  printf 'version = 1\nname = "%s"\n[services.app]\nbuild = "app"\n' "$(basename "$d")" > "$d/itp-dev.toml"
  printf 'services:\n  app:\n    build: app\n' > "$d/compose.yaml"
}

hf() { # name runs command...
  local name=$1 runs=$2; shift 2
  hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$work/$name.json" "$@" >/dev/null 2>&1
  python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$work/$name.json"
}

results=$work/series.txt
: > "$results"
series=${SERIES:-services,context,watch}
wants() { [[ ",$series," == *",$1,"* ]]; }
wants services && for n in 1 5 20 50; do
  d=$work/svc$n
  services "$d" "$n"
  itp_projects+=("$d"); compose_projects+=("$d")
  $itp -C "$d" up >/dev/null 2>&1
  docker-compose -p "svc$n" -f "$d/compose.yaml" up -d >/dev/null 2>&1
  echo "services $n itp-up $(hf itp-up-$n 20 "$itp -C $d up")" | tee -a "$results"
  echo "services $n itp-status $(hf itp-status-$n 20 "$itp -C $d status")" | tee -a "$results"
  echo "services $n compose-up $(hf compose-up-$n 5 "docker-compose -p svc$n -f $d/compose.yaml up -d")" | tee -a "$results"
  echo "services $n compose-ps $(hf compose-ps-$n 5 "docker-compose -p svc$n -f $d/compose.yaml ps")" | tee -a "$results"
  # One stack runs at a time: the others' containers load the engine.
  $itp -C "$d" down --yes >/dev/null 2>&1
  docker-compose -p "svc$n" -f "$d/compose.yaml" down >/dev/null 2>&1
done
wants context && for n in 1 10 1000 20000; do
  d=$work/ctx$n
  context "$d" "$n"
  itp_projects+=("$d"); compose_projects+=("$d")
  $itp -C "$d" up >/dev/null 2>&1
  docker-compose -p "ctx$n" -f "$d/compose.yaml" build >/dev/null 2>&1
  sleep 3 # files written this instant are read again once (racily clean)
  $itp -C "$d" up >/dev/null 2>&1
  echo "context $n itp-up $(hf itp-ctx-$n 20 "$itp -C $d up")" | tee -a "$results"
  echo "context $n itp-up-walk $(ITP_DEV_CONTEXT_MONITOR=0 hf itp-walk-$n 20 "$itp -C $d up")" | tee -a "$results"
  echo "context $n compose-build $(hf compose-ctx-$n 3 "docker-compose -p ctx$n -f $d/compose.yaml build")" | tee -a "$results"
  $itp -C "$d" down --yes >/dev/null 2>&1
done
if wants watch; then
  for n in 1000 10000 100000; do itp_projects+=("$work/watch/w$n"); done
  python3 benches/watch_scale.py "$itp" "$work/watch" "$results" 1000 10000 100000
fi
if [ "$series" = services,context,watch ]; then
  python3 benches/chart.py "$results" benches/scale.json benches/scale.svg
fi
