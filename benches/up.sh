#!/usr/bin/env bash
# itp-dev against its peers on one 3-container stack (a dev container and
# two services with healthchecks, one named volume, one published port),
# side by side in one run: docker-compose (Debian's 1.29), the Dev Containers
# CLI (@devcontainers/cli 0.89, from npm) and the floor (the same engine work
# as a straight-line docker CLI script, benches/stack/floor.sh).
#
#   benches/up.sh            # all of it, ~5 minutes
#   RUNS=3 benches/up.sh     # fewer cold runs
#
# Prints medians and the ratio of each peer to itp-dev. Needs hyperfine,
# docker-compose and npm (Debian packages); the engine and test image come
# from scripts/ensure-docker.sh. Timings live here, never in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${RUNS:-5}
for c in hyperfine docker-compose npm; do
  command -v $c >/dev/null || { echo "needs $c (apt-get install $c)"; exit 1; }
done
bash scripts/ensure-docker.sh >/dev/null
cargo build --release --locked -q
itp=$root/target/release/itp-dev

peers=${ITP_DEV_BENCH_PEERS:-$HOME/.cache/itp-dev-bench}
if [ ! -x "$peers/node_modules/.bin/devcontainer" ]; then
  echo "installing @devcontainers/cli 0.89 into $peers"
  npm install --silent --prefix "$peers" @devcontainers/cli@0.89 >/dev/null
fi
dc=$peers/node_modules/.bin/devcontainer

work=$(mktemp -d /tmp/itp-bench.XXXX)
for d in itp compose devc floor; do cp -r benches/stack "$work/$d"; done
out=$work/results
mkdir -p "$out"
cproj=benchcompose
dproj=devc # the Dev Containers CLI names the compose project after the folder
export PORT # compose.yaml's published port, per peer
c_itp="$itp -C $work/itp"
c_compose="docker-compose -p $cproj -f $work/compose/compose.yaml"
c_dc="$dc up --workspace-folder $work/devc"
c_floor="$work/floor/floor.sh"

cleanup() {
  $c_itp down --volumes --yes >/dev/null 2>&1 || true
  PORT=18082 $c_compose down -v >/dev/null 2>&1 || true
  PORT=18083 docker-compose -p $dproj -f "$work/devc/compose.yaml" down -v >/dev/null 2>&1 || true
  (cd "$work/floor" && ./floor.sh down benchfloor 18084) || true
  docker volume rm benchfloor_data >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

hf() { # name, then hyperfine arguments
  local name=$1; shift
  echo "== $name"
  hyperfine -N --style basic --export-json "$out/$name.json" "$@" 2>&1 | grep -E "^(Benchmark|  Time)" || true
}

hf version --warmup 5 --runs 30 \
  -n itp-dev "$itp --version" -n docker-compose "docker-compose version --short" -n devcontainer "$dc --version"

floor_in() { echo "bash -c 'cd $work/floor && ./floor.sh $1 benchfloor 18084'"; }
down_all() {
  $c_itp down >/dev/null 2>&1 || true
  PORT=18082 $c_compose down >/dev/null 2>&1 || true
  PORT=18083 docker-compose -p $dproj -f "$work/devc/compose.yaml" down >/dev/null 2>&1 || true
  (cd "$work/floor" && ./floor.sh down benchfloor 18084) || true
}

down_all
hf cold-up --runs "$runs" \
  -n itp-dev --prepare "$c_itp down" "$c_itp up" \
  -n docker-compose --prepare "env PORT=18082 $c_compose down" "env PORT=18082 $c_compose up -d" \
  -n devcontainer --prepare "env PORT=18083 docker-compose -p $dproj -f $work/devc/compose.yaml down" "env PORT=18083 $c_dc" \
  -n floor --prepare "$(floor_in down)" "$(floor_in up)"

# Warm runs and status, each tool with only its own stack running: the
# healthchecks of the others' stacks (5 per second each) would load the
# engine and blur the numbers.
down_all
$c_itp up >/dev/null 2>&1
hf warm-up-itp --warmup 3 --runs 30 -n itp-dev "$c_itp up"
hf status-itp --warmup 3 --runs 30 -n itp-dev "$c_itp status"
hf exec-itp --warmup 3 --runs 30 -n itp-dev "$c_itp exec -- true" \
  -n floor "$work/floor/floor-exec.sh benchitp-dev" -n "docker exec" "docker exec benchitp-dev true"
down_all
PORT=18082 $c_compose up -d >/dev/null 2>&1
hf warm-up-compose --warmup 2 --runs 15 -n docker-compose "env PORT=18082 $c_compose up -d"
hf status-compose --warmup 2 --runs 15 -n docker-compose "env PORT=18082 $c_compose ps"
down_all
PORT=18083 $c_dc >/dev/null 2>&1
hf warm-up-devc --warmup 2 --runs 10 -n devcontainer "env PORT=18083 $c_dc"
hf exec-devc --warmup 2 --runs 10 -n devcontainer "$dc exec --workspace-folder $work/devc true"
down_all

hf down --runs "$runs" \
  -n itp-dev --prepare "$c_itp up" "$c_itp down" \
  -n docker-compose --prepare "env PORT=18082 $c_compose up -d" "env PORT=18082 $c_compose down" \
  -n floor --prepare "bash -c 'cd $work/floor && ./floor.sh down benchfloor 18084; ./floor.sh up benchfloor 18084'" "$(floor_in stop)"

# Peak RSS (KiB) of a cold and a warm up, by GNU time.
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
down_all
{
  echo "itp-dev cold $(rss $c_itp up)"
  echo "itp-dev warm $(rss $c_itp up)"
  echo "docker-compose cold $(PORT=18082 rss $c_compose up -d)"
  echo "docker-compose warm $(PORT=18082 rss $c_compose up -d)"
  echo "devcontainer warm $(PORT=18083 rss $c_dc)"
} >"$out/rss.txt"

python3 benches/report.py "$out"

# `logs -f`: a service writing a line every 50 ms, 200 lines.
cat >>"$work/itp/itp-dev.toml" <<'TOML'

[services.talker]
image = "itp-test/busybox:2"
command = "i=0; while :; do i=$((i+1)); echo line $i; usleep 50000; done"
TOML
$c_itp up >/dev/null 2>&1
python3 benches/logs_latency.py "$itp" "$work/itp" talker 200
