#!/usr/bin/env bash
# Make sure a Podman API service answers on its own socket, for the engine
# tests that run against Podman as well (scripts/test.sh). Installs
# Debian's podman and catatonit (for `--init`) when missing, lets this VM's
# limits be (it refuses podman's default nofile rlimit), starts
# `podman system service` on /run/itp-dev-podman.sock and loads the test
# image from the Docker engine (nothing is pulled). Prints the socket's
# DOCKER_HOST. `stop` stops the service and removes its test containers.
set -euo pipefail

sock=${ITP_DEV_PODMAN_SOCK:-/run/itp-dev-podman.sock}
log=${ITP_DEV_PODMAN_LOG:-/tmp/itp-dev-podman.log}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
ping() { curl -fsS --max-time 2 --unix-socket "$sock" http://d/_ping >/dev/null 2>&1; }

if [ "${1:-start}" = stop ]; then
  pkill -f "podman system service --time=0 unix://$sock" 2>/dev/null || true
  exit 0
fi

missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v catatonit >/dev/null 2>&1 || [ -x /usr/libexec/podman/catatonit ] || missing+=(catatonit)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
conf=/etc/containers/containers.conf
if ! grep -qs '^default_ulimits' "$conf"; then
  as_root mkdir -p /etc/containers
  printf '[containers]\n# Some VMs refuse podman'"'"'s default nofile rlimit.\ndefault_ulimits = []\n' | as_root tee -a "$conf" >/dev/null
fi
# Docker treats registries on 127.0.0.0/8 as insecure (plain HTTP) by
# default; Podman asks to be told. The tests' registries are on loopback.
regconf=/etc/containers/registries.conf.d/itp-dev-test.conf
if [ ! -f "$regconf" ]; then
  as_root mkdir -p "$(dirname "$regconf")"
  restart=1
  printf '[[registry]]\nlocation = "127.0.0.1:5000"\ninsecure = true\n\n[[registry]]\nlocation = "127.0.0.1:5001"\ninsecure = true\n' | as_root tee "$regconf" >/dev/null
fi
if [ -n "${restart:-}" ] && ping; then # a running service reads it only at start
  pkill -f "podman system service --time=0 unix://$sock" 2>/dev/null || true
  for _ in $(seq 1 50); do ping || break; sleep 0.2; done
fi
if ! ping; then
  echo "starting podman system service (log: $log)" >&2
  as_root sh -c "nohup podman system service --time=0 unix://$sock >'$log' 2>&1 &"
  for _ in $(seq 1 100); do ping && break; sleep 0.2; done
  ping || { echo "podman did not answer within 20 s; its log:" >&2; tail -20 "$log" >&2; exit 1; }
fi
# The same access as Docker's socket: root and the docker group (the
# tests run some commands as an unprivileged member of it).
if getent group docker >/dev/null; then
  as_root chgrp docker "$sock" && as_root chmod 660 "$sock"
fi
if ! podman image exists itp-test/busybox:2; then
  docker save itp-test/busybox:2 | podman load -q >/dev/null
fi
echo "unix://$sock"
