#!/usr/bin/env bash
# `itp-dev watch` latency and idle cost (see watch_latency.py). For
# comparison: docker compose watch waits for 500 ms of quiet before it acts,
# Skaffold 500 ms, Tilt 200 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-docker.sh >/dev/null
cargo build --release --locked -q
itp=$PWD/target/release/itp-dev
work=$(mktemp -d /tmp/itp-watch.XXXX)
trap '$itp -C "$work" down >/dev/null 2>&1; rm -rf "$work"' EXIT
mkdir -p "$work/src"
cat >"$work/itp-dev.toml" <<'TOML'
version = 1
name = "benchwatch"

[services.app]
image = "itp-test/busybox:2"
command = "mkdir -p /srv && sleep 100000"

[[watch]]
paths = ["src/**"]
action = "sync"
service = "app"
target = "/srv"
TOML
$itp -C "$work" up -q
# Where the engine keeps the container's files on this host (vfs or overlay2).
cid=$(docker inspect -f '{{.Id}}' benchwatch-app)
driver=$(docker inspect -f '{{.GraphDriver.Name}}' benchwatch-app)
case $driver in
  vfs) rootfs=/var/lib/docker/vfs/dir/$(cat /var/lib/docker/image/vfs/layerdb/mounts/$cid/mount-id) ;;
  overlay2) rootfs=$(docker inspect -f '{{.GraphDriver.Data.MergedDir}}' benchwatch-app) ;;
  *) echo "storage driver $driver: cannot read the container's files from the host"; exit 1 ;;
esac
python3 benches/watch_latency.py "$itp" "$work" "$rootfs" "${EDITS:-200}"
