#!/usr/bin/env bash
# cargo-deb (crates.io), for the packaging test: builds the .deb from the
# metadata in Cargo.toml. Installed once into ~/.cargo/bin (a few minutes
# of compiling on 2 cores).
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# cargo-deb's `depends = "$auto"` asks dpkg-shlibdeps (dpkg-dev).
if ! command -v dpkg-shlibdeps >/dev/null 2>&1; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq dpkg-dev >/dev/null
fi
if command -v cargo-deb >/dev/null 2>&1 || [ -x "$HOME/.cargo/bin/cargo-deb" ]; then
  exit 0
fi
echo "installing cargo-deb (once)" >&2
cargo install --locked --quiet cargo-deb
