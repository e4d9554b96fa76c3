#!/usr/bin/env bash
# Start-up cost of the commands that need no Docker: `--version`, and
# `validate` / `plan` on the largest template. Needs hyperfine (Debian package).
# Timings belong here, not in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)"; exit 1; }
cargo build --release --locked -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp profiles/full-stack.toml "$work/itp-dev.toml"
mkdir -p "$work/services/api" && echo "FROM scratch" >"$work/services/api/Dockerfile"
bin=$PWD/target/release/itp-dev
USER=${USER:-bench} hyperfine -N --warmup 20 --runs 300 \
  "$bin --version" "$bin -C $work validate" "$bin -C $work plan"
