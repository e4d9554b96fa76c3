#!/usr/bin/env bash
# Day one, timed: a fresh checkout of a sample repository of each stack,
# then `itp-dev init --yes --template … && itp-dev up`, with no other step.
# The base dev images come from scripts/ensure-images.sh (built once; a new
# hire's machine pulls them). Prints the wall time of each.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-docker.sh >/dev/null
bash scripts/ensure-images.sh >/dev/null
cargo build --release --locked -q
itp=$PWD/target/release/itp-dev
work=$(mktemp -d /tmp/itp-onboard.XXXX)
trap 'for d in "$work"/*/; do $itp -C "$d" down --volumes --yes >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT

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

for t in rust-service node-web python-api; do
  d=$work/$t; mkdir -p "$d"; sample "$t" "$d"
  start=$(date +%s.%N)
  (cd "$d" && $itp init --yes --template "$t" --no-services -q && $itp up -q)
  end=$(date +%s.%N)
  printf '%-13s init + up: %.1f s\n' "$t" "$(echo "$end - $start" | bc)"
done
