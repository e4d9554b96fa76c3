#!/usr/bin/env bash
# The floor: the same engine work as `up`/`down` of the benchmark stack,
# as a straight-line script of docker CLI calls with no tool around them.
# Usage: floor.sh up|down PROJECT PORT
set -euo pipefail
cmd=$1 p=$2 port=$3
img=itp-test/busybox:2
case $cmd in
up)
  docker network create "${p}_default" >/dev/null
  docker volume create "${p}_data" >/dev/null
  docker run -d --init --name "$p-db" --network "${p}_default" --network-alias db -v "${p}_data:/data" \
    --health-cmd 'wget -q -O /dev/null http://127.0.0.1/ok' --health-interval 200ms --health-retries 30 \
    "$img" sh -c 'mkdir -p /data && echo ok > /data/ok && httpd -f -p 80 -h /data' >/dev/null &
  docker run -d --init --name "$p-cache" --network "${p}_default" --network-alias cache -p "127.0.0.1:$port:6379" \
    --health-cmd 'wget -q -O /dev/null http://127.0.0.1:6379/ok' --health-interval 200ms --health-retries 30 \
    "$img" sh -c 'mkdir -p /c && echo ok > /c/ok && httpd -f -p 6379 -h /c' >/dev/null &
  wait
  for c in "$p-db" "$p-cache"; do
    until [ "$(docker inspect -f '{{.State.Health.Status}}' "$c")" = healthy ]; do sleep 0.02; done
  done
  docker run -d --init --name "$p-dev" --network "${p}_default" -v "$PWD:/workspace" -w /workspace \
    "$img" sh -c "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait \$!; done" >/dev/null
  ;;
down)
  docker rm -f "$p-dev" "$p-db" "$p-cache" >/dev/null 2>&1 || true
  docker network rm "${p}_default" >/dev/null 2>&1 || true
  ;;
stop)
  # The floor of `down`: stop the three in parallel (SIGTERM, as the tools do), then remove.
  for c in "$p-dev" "$p-db" "$p-cache"; do docker stop -t 10 "$c" >/dev/null & done
  wait
  docker rm "$p-dev" "$p-db" "$p-cache" >/dev/null
  docker network rm "${p}_default" >/dev/null
  ;;
esac
