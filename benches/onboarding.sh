#!/usr/bin/env bash
# Day one, timed: a fresh checkout of a sample repository of each stack,
# then `itp-dev init --yes --template … && itp-dev up && itp-dev exec --
# true`: the time until a new hire has a shell. `init` writes the dev
# image's Dockerfile (.itp-dev/dev/Dockerfile) and the first `up` builds it
# from debian:bookworm-slim; no itp/dev-* image is used. Three columns:
#   first   the project's dev image does not exist (the engine's layer
#           cache as it is: on a new machine, first after another project);
#   cold    `itp-dev build --no-cache` first: every Debian package
#           downloaded and installed, as on a machine that never built one;
#   second  `up && exec` again: nothing to build.
# `--no-cold` skips the cold column (minutes per stack).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-docker.sh >/dev/null
bash scripts/ensure-images.sh >/dev/null
cargo build --release --locked -q
itp=$PWD/target/release/itp-dev
work=$(mktemp -d /tmp/itp-onboard.XXXX)
cleanup() { # the bench's own projects, and the images built for them
  for d in "$work"/*/; do
    $itp -C "$d" down --volumes --yes >/dev/null 2>&1 || true
    ids=$(docker images -q --filter "label=dev.itp.project=$(basename "$d")")
    [ -z "$ids" ] || docker rmi -f $ids >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

sample() { # template dir
  case $1 in
    rust-service)
      printf '[package]\nname = "sample"\nversion = "0.1.0"\nedition = "2021"\n' >"$2/Cargo.toml"
      mkdir -p "$2/src" && echo 'fn main() {}' >"$2/src/main.rs" ;;
    node-web)
      echo '{"name":"sample","version":"1.0.0","scripts":{"dev":"node -e 1"}}' >"$2/package.json"
      echo '{"name":"sample","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{"":{"name":"sample","version":"1.0.0"}}}' >"$2/package-lock.json" ;;
    python-api)
      printf '[project]\nname = "sample"\nversion = "0.1.0"\n' >"$2/pyproject.toml"
      : >"$2/requirements.txt" ;;
  esac
}

cold=1
[ "${1:-}" = --no-cold ] && cold=0
secs() { printf '%.1f' "$(echo "$2 - $1" | bc)"; }
declare -A first second coldt
for t in rust-service node-web python-api; do
  d=$work/$t; mkdir -p "$d"; sample "$t" "$d"
  port=$((18300 + RANDOM % 500))
  s0=$(date +%s.%N)
  (cd "$d" && $itp init --yes --template "$t" --no-services --port "$port" -q && $itp up -q && $itp exec -- true)
  s1=$(date +%s.%N)
  (cd "$d" && $itp up -q && $itp exec -- true)
  s2=$(date +%s.%N)
  first[$t]=$(secs "$s0" "$s1"); second[$t]=$(secs "$s1" "$s2"); coldt[$t]="-"
done
# The cold builds last: the classic builder's cache takes the newest of
# identical layers, so a --no-cache build of one template would make the
# next template's "first" miss the cache.
if [ $cold = 1 ]; then
  for t in rust-service node-web python-api; do
    d=$work/$t
    (cd "$d" && $itp down -q --yes && $itp build --no-cache -q dev >/dev/null)
    s2=$(date +%s.%N)
    (cd "$d" && $itp up -q && $itp exec -- true)
    s3=$(date +%s.%N)
    coldt[$t]=$(secs "$s2" "$s3")
  done
fi
printf '%-13s %8s %8s %8s\n' template first cold second
for t in rust-service node-web python-api; do
  printf '%-13s %7ss %8s %7ss\n' "$t" "${first[$t]}" "${coldt[$t]}" "${second[$t]}"
done
