#!/usr/bin/env bash
# The base dev images of images/ (itp/dev-base, -rust, -node, -python),
# built once and reused. Their Debian base is pulled when a registry is
# reachable, and otherwise made locally with debootstrap (nothing can be
# pulled on CI here). Run after scripts/ensure-docker.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! docker image inspect debian:bookworm-slim >/dev/null 2>&1; then
  if ! timeout 60 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then
    if ! command -v debootstrap >/dev/null; then
      as_root apt-get update -qq
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq debootstrap >/dev/null
    fi
    root=$(mktemp -d)
    echo "making debian:bookworm-slim with debootstrap"
    as_root debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
    as_root tar -C "$root" -c . | docker import - debian:bookworm-slim >/dev/null
    as_root rm -rf "$root"
  fi
fi

build() { # name dockerfile
  if ! docker image inspect "$1" >/dev/null 2>&1; then
    echo "building $1"
    docker build -q -t "$1" -f "images/$2" images >/dev/null 2>"/tmp/itp-dev-image-$2.log" \
      || { cat "/tmp/itp-dev-image-$2.log"; exit 1; }
  fi
}
build itp/dev-base:latest base.Dockerfile
# The language images only need the base: build them side by side.
pids=()
for pair in rust:rust.Dockerfile node:node.Dockerfile python:python.Dockerfile; do
  build "itp/dev-${pair%%:*}:latest" "${pair#*:}" & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
echo "images: itp/dev-base, itp/dev-rust, itp/dev-node, itp/dev-python"
