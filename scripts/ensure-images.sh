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

# The templates' dev images, as `itp-dev init` writes them into a
# repository (.itp-dev/dev/Dockerfile: the base's instructions, then the
# language's without its FROM and its repeated ARG; src/init/dev_images.rs).
# Built here once so the engine's layer cache holds exactly the layers the
# tests' `up` builds will ask for; nothing is tagged under itp/dev-*.
dockerfile() { # language (or base)
  cat images/base.Dockerfile
  [ "$1" = base ] || grep -v -e '^FROM ' -e '^ARG DEBIAN_FRONTEND' "images/$1.Dockerfile"
}
build() { # language
  local tag=itp-test/dev-$1:1
  if ! docker image inspect "$tag" >/dev/null 2>&1; then
    echo "building $tag"
    dockerfile "$1" | docker build -q -t "$tag" -f - images >/dev/null 2>"/tmp/itp-dev-image-$1.log" \
      || { cat "/tmp/itp-dev-image-$1.log"; exit 1; }
  fi
}
build base
# The languages share only the base: build them side by side.
pids=()
for lang in rust node python; do
  build "$lang" & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
echo "images: the templates' dev images (cache: itp-test/dev-{base,rust,node,python}:1)"
